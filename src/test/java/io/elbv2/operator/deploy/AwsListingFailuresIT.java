package io.elbv2.operator.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.targetgroupbinding.Bindings;
import io.elbv2.operator.testing.BindingWebhookRegistration;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.FaultInjectingProxy.Fault;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.WebhookEndpoint;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Readiness means "can answer webhooks and reconcile": a periodic AWS listing that fails is shown
 * in the metrics and in events on the operator's Pod and tried again, and the operator stays ready,
 * answers the webhooks the API server calls and keeps reconciling.
 */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class AwsListingFailuresIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Inject KubernetesClient client;
  FaultInjectingProxy proxy;
  LocalCluster cluster;
  WebhookEndpoint webhooks;
  private Workloads workloads;
  private MotoTargetGroups targetGroups;
  private BindingWebhookRegistration registration;

  @BeforeEach
  void setUp() {
    workloads = Workloads.inFreshNamespace(client, "listing");
    targetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
    registration =
        BindingWebhookRegistration.forNamespace(client, cluster, webhooks, workloads.namespace());
  }

  @AfterEach
  void tearDown() {
    proxy.reset();
    registration.close();
    workloads.deleteAndAwait(TIMEOUT);
    targetGroups.deleteAll();
  }

  @Test
  void failingListingsLeaveTheOperatorReadyReportedInMetricsAndEventsAndBindingsServed() {
    var failuresBefore = listingFailures();
    var failedEventsBefore = loadBalancerListingEvents("Warning", AwsListingHealth.FAILED);
    var recoveredEventsBefore = loadBalancerListingEvents("Normal", AwsListingHealth.RECOVERED);
    var callsBefore = proxy.requests("DescribeLoadBalancers");
    proxy.failUntilLifted("DescribeLoadBalancers", Fault.SERVER_ERROR);
    try {
      // Two polls of the load balancers (every 5 s in the tests), each a call and its 10 retries.
      await()
          .atMost(TIMEOUT)
          .until(() -> proxy.requests("DescribeLoadBalancers") - callsBefore > 2 * 11);
      given().get("/q/health/ready").then().statusCode(200);
      assertThat(listingFailures()).isGreaterThanOrEqualTo(failuresBefore + 2);
      assertThat(metricLines("elbv2_aws_listing_healthy{")).anyMatch(l -> l.endsWith(" 0.0"));
      // Recorded after the metrics change.
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  loadBalancerListingEvents("Warning", AwsListingHealth.FAILED)
                      > failedEventsBefore);

      var arn = targetGroups.create(TargetTypeEnum.IP);
      workloads.deployment("web", 2, 8080);
      workloads.service("web", "ClusterIP");
      // No target type: the API server admits it only through the webhooks, which fill it in.
      // Each of the two may take up to its timeout, longer together than the client's default.
      TargetGroupBinding created;
      try (var patient =
          new KubernetesClientBuilder()
              .withConfig(
                  new ConfigBuilder(client.getConfiguration()).withRequestTimeout(60_000).build())
              .build()) {
        created =
            patient
                .resource(Bindings.binding(workloads.namespace(), "web", arn, null, "web", null))
                .create();
      }
      assertThat(created.getSpec().targetType()).isEqualTo(TargetType.IP);
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(targetGroups.targets(arn))
                      .isEqualTo(workloads.readyPodTargets("web", 8080)));
      given().get("/q/health/ready").then().statusCode(200);
    } finally {
      proxy.lift("DescribeLoadBalancers");
    }
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                metricLines("elbv2_aws_listing_healthy{").stream()
                    .allMatch(l -> l.endsWith(" 1.0")));
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                loadBalancerListingEvents("Normal", AwsListingHealth.RECOVERED)
                    > recoveredEventsBefore);
  }

  /**
   * How many times the operator's Pod got this event about the Services' load balancer listing
   * (repeats raise one event's count), so that events of earlier runs do not count.
   */
  private int loadBalancerListingEvents(String type, String reason) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> LocalClusterResource.OPERATOR_POD.equals(e.getInvolvedObject().getName()))
        .filter(e -> type.equals(e.getType()) && reason.equals(e.getReason()))
        .filter(e -> e.getMessage().startsWith("listing service-load-balancer "))
        .filter(
            e ->
                reason.equals(AwsListingHealth.RECOVERED)
                    || e.getMessage().contains("ServiceUnavailable: Service is unavailable"))
        .mapToInt(Event::getCount)
        .sum();
  }

  private double listingFailures() {
    return metricLines("elbv2_aws_listing_failures_total{").stream()
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static List<String> metricLines(String prefix) {
    var body = given().get("/metrics").then().statusCode(200).extract().asString();
    return body.lines().filter(l -> l.startsWith(prefix)).toList();
  }
}
