package io.elbv2.operator.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.IngressAlbs;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorEvents;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/** Rules whose backends use an {@code actions.<name>} annotation: answers, redirects, weights. */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class IngressActionsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String ACTIONS = AnnotatedActions.PREFIX;

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  private Workloads workloads;
  private TestIngresses ingresses;
  private IngressAlbs albs;

  @BeforeEach
  void setUp() {
    workloads = Workloads.inFreshNamespace(client, "actions");
    workloads.deployment("blue", 2, 80);
    workloads.service("blue", "NodePort");
    workloads.deployment("green", 1, 80);
    workloads.service("green", "NodePort");
    ingresses = new TestIngresses(client, workloads, TIMEOUT);
    albs = IngressAlbs.in(elbv2, cluster);
  }

  @AfterEach
  void tearDown() {
    workloads.deleteAndAwait(TIMEOUT);
  }

  @Test
  void fixedResponseRedirectAndAWeightedStickyForwardOverTwoServicesReachAwsAsWritten() {
    var ingress =
        ingresses.ingress(
            "shop",
            Map.of(
                "alb.ingress.kubernetes.io/target-type",
                "ip",
                ACTIONS + "maintenance",
                "{\"type\":\"fixed-response\",\"fixedResponseConfig\":{\"contentType\":\"text/plain\","
                    + "\"statusCode\":\"503\",\"messageBody\":\"back soon\"}}",
                ACTIONS + "moved",
                "{\"type\":\"redirect\",\"redirectConfig\":{\"host\":\"new.example.com\","
                    + "\"statusCode\":\"HTTP_302\"}}",
                ACTIONS + "canary",
                "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                    + "{\"serviceName\":\"blue\",\"servicePort\":80,\"weight\":80},"
                    + "{\"serviceName\":\"green\",\"servicePort\":\"80\",\"weight\":20}],"
                    + "\"targetGroupStickinessConfig\":{\"enabled\":true,\"durationSeconds\":300}}}"),
            usingAnnotation("/maintenance", "maintenance"),
            usingAnnotation("/old", "moved"),
            usingAnnotation("/", "canary"));
    ingresses.create(ingress);

    ingresses.awaitHostname("shop");
    var stack = ingresses.stack("shop");
    var listener = albs.listener(albs.loadBalancerOf(stack), 80);
    var rules = albs.rules(listener);
    assertThat(rules).hasSize(3);

    var fixed = action(rules.get(0)).fixedResponseConfig();
    assertThat(fixed.statusCode()).isEqualTo("503");
    assertThat(fixed.messageBody()).isEqualTo("back soon");
    var redirect = action(rules.get(1)).redirectConfig();
    assertThat(redirect.host()).isEqualTo("new.example.com");
    assertThat(redirect.statusCodeAsString()).isEqualTo("HTTP_302");

    var forward = action(rules.get(2)).forwardConfig();
    var blue = targetGroupOf(stack, "blue");
    var green = targetGroupOf(stack, "green");
    assertThat(
            forward.targetGroups().stream()
                .collect(Collectors.toMap(t -> t.targetGroupArn(), t -> t.weight())))
        .isEqualTo(Map.of(blue, 80, green, 20));
    assertThat(forward.targetGroupStickinessConfig().enabled()).isTrue();
    assertThat(forward.targetGroupStickinessConfig().durationSeconds()).isEqualTo(300);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(targets(blue)).isEqualTo(workloads.readyPodTargets("blue", 80)).hasSize(2);
              assertThat(targets(green))
                  .isEqualTo(workloads.readyPodTargets("green", 80))
                  .hasSize(1);
            });
    assertThat(OperatorEvents.warningsOn(client, ingresses.current("shop"))).isEmpty();

    var modified = proxy.requests("ModifyRule");
    var created = proxy.requests("CreateRule");
    int listings = proxy.requests("DescribeLoadBalancers");
    await().atMost(TIMEOUT).until(() -> proxy.requests("DescribeLoadBalancers") >= listings + 2);
    assertThat(proxy.requests("ModifyRule")).isEqualTo(modified);
    assertThat(proxy.requests("CreateRule")).isEqualTo(created);
  }

  @Test
  void aBadActionIsRefusedNamingItsAnnotationAndNothingIsMade() {
    ingresses.create(
        ingresses.ingress(
            "bad",
            Map.of(
                ACTIONS + "canary",
                "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                    + "{\"serviceName\":\"blue\",\"servicePort\":80},"
                    + "{\"serviceName\":\"green\",\"servicePort\":80}]}}"),
            usingAnnotation("/", "canary")));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(OperatorEvents.warningsOn(client, ingresses.current("bad")))
                    .anyMatch(
                        e ->
                            "FailedBuildModel".equals(e.getReason())
                                && e.getMessage().contains(ACTIONS + "canary")
                                && e.getMessage()
                                    .contains("weight must be set when route to multiple")));
    assertThat(albs.loadBalancersOf(ingresses.stack("bad"))).isEmpty();
  }

  private String targetGroupOf(String stack, String service) {
    return client
        .resources(TargetGroupBinding.class)
        .inNamespace(workloads.namespace())
        .list()
        .getItems()
        .stream()
        .filter(b -> service.equals(b.getSpec().serviceRef().name()))
        .map(b -> b.getSpec().targetGroupARN())
        .filter(
            arn ->
                albs.targetGroupsOf(stack).stream().anyMatch(tg -> tg.targetGroupArn().equals(arn)))
        .findFirst()
        .orElseThrow();
  }

  private java.util.Set<String> targets(String targetGroupArn) {
    return elbv2
        .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
        .targetHealthDescriptions()
        .stream()
        .map(d -> d.target().id() + ":" + d.target().port())
        .collect(Collectors.toSet());
  }

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.Action action(
      Rule rule) {
    return rule.actions().get(0);
  }

  private static HTTPIngressPath usingAnnotation(String path, String name) {
    return new HTTPIngressPathBuilder()
        .withPath(path)
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName(name)
        .withNewPort()
        .withName(AnnotatedActions.USE_ANNOTATION)
        .endPort()
        .endService()
        .endBackend()
        .build();
  }
}
