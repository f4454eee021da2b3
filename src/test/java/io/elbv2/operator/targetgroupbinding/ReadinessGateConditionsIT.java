package io.elbv2.operator.targetgroupbinding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.testing.Conflicts;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Pods with a target-health readiness gate, as the pod webhook leaves them: the gate follows the
 * health moto reports for their targets. kwok runs the pods as a kubelet does with readiness gates
 * (containers ready, Ready False until every gate is True); a test that needs a pod whose
 * containers are not ready yet writes that status itself.
 */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class ReadinessGateConditionsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int GATED_PODS = 8;
  private static final Logger LOG = Logger.getLogger(ReadinessGateConditionsIT.class);

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;

  LocalCluster cluster;
  FaultInjectingProxy proxy;
  private Workloads workloads;
  private MotoTargetGroups targetGroups;

  @BeforeEach
  void setUp() {
    workloads = Workloads.inFreshNamespace(client, "gates");
    targetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
  }

  @AfterEach
  void tearDown() {
    workloads.deleteAndAwait(TIMEOUT);
    targetGroups.deleteAll();
  }

  @Test
  void gatesTurnTrueAsTargetsBecomeHealthyWithOneHealthCheckPerCheck() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    workloads.service("web", "ClusterIP");
    var gated = IntStream.range(0, GATED_PODS).mapToObj(i -> "web-" + i).toList();
    for (var pod : gated) {
      startGatedPod(pod, "web", "web", true);
    }
    startGatedPod("unlabelled", "web", "web", false);
    for (var pod : gated) {
      awaitPodIp(pod);
    }
    awaitPodIp("unlabelled");
    var seen = new CopyOnWriteArrayList<PodCondition>();
    var describesBefore = proxy.requests("DescribeTargetHealth", arn);

    try (var watch = watchGate(gated.get(0), "web", seen)) {
      client
          .resource(Bindings.binding(workloads.namespace(), "web", arn, TargetType.IP, "web", null))
          .create();

      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                for (var pod : gated) {
                  assertThat(gate(pod, "web"))
                      .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
                }
              });
    }
    var describes = proxy.requests("DescribeTargetHealth", arn) - describesBefore;
    LOG.infof(
        "%d gates True after %d DescribeTargetHealth calls; seen on %s: %s",
        GATED_PODS,
        describes,
        gated.get(0),
        seen.stream().map(c -> c.getStatus() + "/" + c.getReason()).toList());

    // False while the operator registers the target, True once moto reports it healthy; the
    // transition time moves with the status.
    assertThat(seen)
        .extracting(c -> c.getStatus() + " " + c.getReason())
        .containsSubsequence("False Elb.RegistrationInProgress", "True null");
    var registering =
        seen.stream().filter(c -> "False".equals(c.getStatus())).findFirst().orElseThrow();
    var healthy = seen.get(seen.size() - 1);
    assertThat(registering.getMessage()).isEqualTo("Target registration is in progress");
    assertThat(Instant.parse(healthy.getLastTransitionTime()))
        .isAfterOrEqualTo(Instant.parse(registering.getLastTransitionTime()));
    // One DescribeTargetHealth per check of the whole target group (registration, then health),
    // never one per pod.
    assertThat(describes).isBetween(1, GATED_PODS - 1);
    assertThat(targetGroups.targets(arn)).hasSize(GATED_PODS).containsAll(podTargets(gated));
    assertThat(gate("unlabelled", "web"))
        .as("a pod without the label is never read or written")
        .isEmpty();
    assertThat(readinessGateReadyCount("web")).isEqualTo(GATED_PODS);
  }

  @Test
  void deletingTheBindingSetsTheGatesItHeldTrue() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    workloads.service("api", "ClusterIP");
    startGatedPod("api-serving", "api", "api", true);
    startGatedPod("api-starting", "api", "api", true);
    awaitPodIp("api-serving");
    awaitContainersNotReady("api-starting", "api");
    var binding =
        client
            .resource(
                Bindings.binding(workloads.namespace(), "api", arn, TargetType.IP, "api", null))
            .create();
    await()
        .atMost(TIMEOUT)
        .until(
            () -> gate("api-serving", "api").map(c -> "True".equals(c.getStatus())).orElse(false));
    assertThat(gate("api-starting", "api"))
        .as("its containers are not ready: it is not a target yet")
        .isEmpty();

    client.resource(binding).delete();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(gate("api-starting", "api"))
                    .hasValueSatisfying(
                        c -> {
                          assertThat(c.getStatus()).isEqualTo("True");
                          assertThat(c.getMessage()).isEqualTo("TargetGroupBinding is deleted");
                        }));
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                client
                        .resources(TargetGroupBinding.class)
                        .inNamespace(workloads.namespace())
                        .withName("api")
                        .get()
                    == null);
    assertThat(targetGroups.targets(arn)).isEmpty();
    assertThat(gate("api-serving", "api"))
        .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  /** A pod as the webhook admits it: the gate of {@code binding}, and the label when asked. */
  private void startGatedPod(String name, String app, String binding, boolean labelled) {
    var builder =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(workloads.namespace())
            .addToLabels("app", app)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(app)
            .withImage("nginx:1.27")
            .addNewPort()
            .withName("http")
            .withContainerPort(8080)
            .endPort()
            .endContainer()
            .addNewReadinessGate()
            .withConditionType(ReadinessGates.conditionType(binding))
            .endReadinessGate()
            .endSpec();
    if (labelled) {
      builder.editMetadata().addToLabels(ReadinessGates.GATED_LABEL, "true").endMetadata();
    }
    client.resource(builder.build()).create();
  }

  private void awaitPodIp(String name) {
    await()
        .atMost(TIMEOUT)
        .until(() -> pod(name).getStatus() != null && pod(name).getStatus().getPodIP() != null);
  }

  /**
   * Waits for kwok to run the pod, then writes its status as a kubelet would while its containers
   * are starting: neither the containers nor the pod ready, no condition for the gate.
   */
  private void awaitContainersNotReady(String name, String binding) {
    awaitPodIp(name);
    var type = ReadinessGates.conditionType(binding);
    Conflicts.retried(
        () ->
            client
                .pods()
                .inNamespace(workloads.namespace())
                .withName(name)
                .editStatus(
                    p -> {
                      var conditions = p.getStatus().getConditions();
                      conditions.removeIf(
                          c -> List.of(type, "Ready", "ContainersReady").contains(c.getType()));
                      conditions.add(podCondition("ContainersReady", "False", null));
                      conditions.add(podCondition("Ready", "False", "ContainersNotReady"));
                      return p;
                    }));
  }

  private Watch watchGate(String name, String binding, List<PodCondition> seen) {
    var type = ReadinessGates.conditionType(binding);
    return client
        .pods()
        .inNamespace(workloads.namespace())
        .withName(name)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Pod pod) {
                ReadinessGates.condition(pod, type)
                    .filter(c -> seen.isEmpty() || !same(seen.get(seen.size() - 1), c))
                    .ifPresent(seen::add);
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  private static boolean same(PodCondition a, PodCondition b) {
    return a.getStatus().equals(b.getStatus())
        && java.util.Objects.equals(a.getReason(), b.getReason())
        && java.util.Objects.equals(a.getLastTransitionTime(), b.getLastTransitionTime());
  }

  private Optional<PodCondition> gate(String pod, String binding) {
    return ReadinessGates.condition(pod(pod), ReadinessGates.conditionType(binding));
  }

  private Pod pod(String name) {
    return client.pods().inNamespace(workloads.namespace()).withName(name).get();
  }

  private List<String> podTargets(List<String> pods) {
    return pods.stream().map(p -> pod(p).getStatus().getPodIP() + ":8080").toList();
  }

  private static PodCondition podCondition(String type, String status, String reason) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withLastTransitionTime(Instant.now().toString())
        .build();
  }

  /** Pods of the binding counted in {@code awslbc_readiness_gate_ready_seconds}. */
  private double readinessGateReadyCount(String binding) {
    var body = given().get("/metrics").then().statusCode(200).extract().asString();
    return body.lines()
        .filter(l -> l.startsWith("awslbc_readiness_gate_ready_seconds_count{"))
        .filter(
            l ->
                l.contains("namespace=\"" + workloads.namespace() + "\"")
                    && l.contains("name=\"" + binding + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
