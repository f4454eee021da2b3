package io.elbv2.operator.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.targetgroupbinding.Bindings;
import io.elbv2.operator.targetgroupbinding.ReadinessGates;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.PodWebhooks;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.WebhookEndpoint;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The pod webhook as the real API server calls it over TLS, registered as the chart registers it,
 * for a namespace labelled for injection and one that is not, each with an ip binding of Service
 * {@code web}.
 */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class PodReadinessGateIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String GATE = "target-health.elbv2.k8s.aws/web";
  private static final String INJECTIONS = "awslbc_pod_readiness_gate_injections_total";
  private static final String FAILURES = "awslbc_webhook_mutation_failure_total";
  private static final String ANSWERED = "controller_runtime_webhook_latency_seconds_count";

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  LocalCluster cluster;
  WebhookEndpoint webhooks;

  private Workloads labelled;
  private Workloads plain;
  private MotoTargetGroups targetGroups;
  private PodWebhooks podWebhooks;

  @BeforeEach
  void bindWebInTwoNamespaces() {
    targetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
    podWebhooks = new PodWebhooks(client, cluster);
    labelled = Workloads.inFreshNamespace(client, "gates");
    podWebhooks.enableInjection(labelled.namespace());
    plain = Workloads.inFreshNamespace(client, "nogates");
    for (var workloads : List.of(labelled, plain)) {
      workloads.service("web", "ClusterIP");
      client
          .resource(
              Bindings.binding(
                  workloads.namespace(),
                  "web",
                  targetGroups.create(TargetTypeEnum.IP),
                  TargetType.IP,
                  "web",
                  null))
          .create();
    }
    // A Ready binding has been read from the operator's caches, with its Service.
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                ReadyBindings.in(client, labelled.namespace()) == 1
                    && ReadyBindings.in(client, plain.namespace()) == 1);
  }

  @AfterEach
  void removeWebhooksAndNamespaces() {
    podWebhooks.deleteAll();
    labelled.delete();
    plain.delete();
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client.namespaces().withName(labelled.namespace()).get() == null
                    && client.namespaces().withName(plain.namespace()).get() == null);
    targetGroups.deleteAll();
  }

  @Test
  void podTheBindingsServiceSelectsGetsTheGateAndTheLabel() {
    registerWebhook(webhooks.url(PodReadinessGateWebhook.PATH));
    var injections = metric(INJECTIONS);
    var answered = metric(ANSWERED);

    var pod = create(labelled, "web-1", Map.of("app", "web"), "example.com/warmed-up");

    assertThat(gates(pod)).containsExactly("example.com/warmed-up", GATE);
    assertThat(pod.getMetadata().getLabels())
        .containsEntry(ReadinessGates.GATED_LABEL, "true")
        .containsEntry("app", "web");
    assertThat(metric(INJECTIONS)).isEqualTo(injections + 1);
    assertThat(metric(ANSWERED)).as("timed").isEqualTo(answered + 1);
  }

  @Test
  void podOfANamespaceWithoutTheLabelGetsNeitherGateNorLabel() {
    registerWebhook(webhooks.url(PodReadinessGateWebhook.PATH));

    var pod = create(plain, "web-1", Map.of("app", "web"));

    assertThat(gates(pod)).isEmpty();
    assertThat(pod.getMetadata().getLabels()).doesNotContainKey(ReadinessGates.GATED_LABEL);
  }

  @Test
  void podNoBindingsServiceSelectsGetsNothing() {
    registerWebhook(webhooks.url(PodReadinessGateWebhook.PATH));
    var injections = metric(INJECTIONS);

    var pod = create(labelled, "db-1", Map.of("app", "db"));

    assertThat(gates(pod)).isEmpty();
    assertThat(pod.getMetadata().getLabels()).doesNotContainKey(ReadinessGates.GATED_LABEL);
    assertThat(metric(INJECTIONS)).isEqualTo(injections);
  }

  @Test
  void podsAreCreatedWhileTheWebhookCannotBeReached() throws IOException {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    registerWebhook("https://127.0.0.1:" + closedPort + PodReadinessGateWebhook.PATH);

    var pod = create(labelled, "web-1", Map.of("app", "web"));

    assertThat(pod.getMetadata().getUid()).isNotBlank();
    assertThat(gates(pod)).isEmpty();
  }

  @Test
  void podTheWebhookCannotReadIsAdmittedUnchangedAndCounted() {
    var failures = metric(FAILURES);
    var review =
        """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "0b1c", "namespace": "%s", "operation": "CREATE",
          "object": {"kind": "Pod", "metadata": {"labels": "app=web"}}}}
        """
            .formatted(labelled.namespace());

    var response =
        given()
            .relaxedHTTPSValidation()
            .contentType("application/json")
            .body(review)
            .post(webhooks.url(PodReadinessGateWebhook.PATH))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(response.getBoolean("response.allowed")).isTrue();
    assertThat(response.getString("response.uid")).isEqualTo("0b1c");
    assertThat(response.getString("response.patch")).isNull();
    assertThat(metric(FAILURES)).isEqualTo(failures + 1);
  }

  private void registerWebhook(String url) {
    podWebhooks.register(url, labelled.namespace(), plain.namespace());
  }

  private Pod create(
      Workloads workloads, String name, Map<String, String> labels, String... ownGates) {
    var pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(workloads.namespace())
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("web")
            .withImage("nginx:1.27")
            .endContainer()
            .endSpec()
            .build();
    for (var gate : ownGates) {
      pod.getSpec().getReadinessGates().add(new PodReadinessGate(gate));
    }
    return client.resource(pod).create();
  }

  private static List<String> gates(Pod pod) {
    return pod.getSpec().getReadinessGates().stream()
        .map(PodReadinessGate::getConditionType)
        .toList();
  }

  /** A counter's value at /metrics. */
  private static double metric(String name) {
    var body = given().get("/metrics").then().statusCode(200).extract().asString();
    return body.lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
