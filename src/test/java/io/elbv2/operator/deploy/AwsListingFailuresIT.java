package io.elbv2.operator.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.targetgroupbinding.Bindings;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.FaultInjectingProxy.Fault;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Readiness means "can answer webhooks and reconcile": a periodic AWS listing that fails is shown
 * in the metrics and tried again, and the operator stays ready and keeps reconciling.
 */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class AwsListingFailuresIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Inject KubernetesClient client;
  FaultInjectingProxy proxy;
  LocalCluster cluster;
  private Workloads workloads;
  private MotoTargetGroups targetGroups;

  @BeforeEach
  void setUp() {
    workloads = Workloads.inFreshNamespace(client, "listing");
    targetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
  }

  @AfterEach
  void tearDown() {
    proxy.reset();
    workloads.deleteAndAwait(TIMEOUT);
    targetGroups.deleteAll();
  }

  @Test
  void failingListingsLeaveTheOperatorReadyReportedInMetricsAndBindingsServed() {
    var failuresBefore = listingFailures();
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

      var arn = targetGroups.create(TargetTypeEnum.IP);
      workloads.deployment("web", 2, 8080);
      workloads.service("web", "ClusterIP");
      client
          .resource(Bindings.binding(workloads.namespace(), "web", arn, TargetType.IP, "web", null))
          .create();
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
  }

  private double listingFailures() {
    return metricLines("elbv2_aws_listing_failures_total{").stream()
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static java.util.List<String> metricLines(String prefix) {
    var body = given().get("/metrics").then().statusCode(200).extract().asString();
    return body.lines().filter(l -> l.startsWith(prefix)).toList();
  }
}
