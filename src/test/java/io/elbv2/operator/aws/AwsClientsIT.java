package io.elbv2.operator.aws;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.FaultInjectingProxy.Fault;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class AwsClientsIT {

  @Inject ElasticLoadBalancingV2Client elbv2;
  @Inject Ec2Client ec2;

  FaultInjectingProxy proxy;
  LocalCluster cluster;

  @AfterEach
  void disarm() {
    proxy.reset();
  }

  @Test
  void networkLoadBalancerIsCreatedAndDeletedInMotoAndEveryCallIsCounted() {
    var name = "k8s-it-" + UUID.randomUUID().toString().substring(0, 8);
    var before = metric("aws_api_calls_total", "CreateLoadBalancer", "200");

    var created =
        elbv2
            .createLoadBalancer(
                r ->
                    r.name(name)
                        .type(LoadBalancerTypeEnum.NETWORK)
                        .scheme(LoadBalancerSchemeEnum.INTERNAL)
                        .subnets(cluster.list("ELBV2_PRIVATE_SUBNETS"))
                        .tags(
                            Tag.builder()
                                .key("elbv2.k8s.aws/cluster")
                                .value(cluster.get("ELBV2_CLUSTER_NAME"))
                                .build()))
            .loadBalancers()
            .get(0);

    LoadBalancer described =
        elbv2
            .describeLoadBalancers(r -> r.loadBalancerArns(created.loadBalancerArn()))
            .loadBalancers()
            .get(0);
    assertThat(described.type()).isEqualTo(LoadBalancerTypeEnum.NETWORK);
    assertThat(described.vpcId()).isEqualTo(cluster.get("ELBV2_VPC_ID"));
    assertThat(described.dnsName()).startsWith(name);
    assertThat(described.availabilityZones()).hasSize(2);
    assertThat(metric("aws_api_calls_total", "CreateLoadBalancer", "200")).isEqualTo(before + 1);

    elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(created.loadBalancerArn()));

    assertThatThrownBy(
            () -> elbv2.describeLoadBalancers(r -> r.loadBalancerArns(created.loadBalancerArn())))
        .isInstanceOf(LoadBalancerNotFoundException.class);
    assertThat(metric("aws_api_calls_total", "DescribeLoadBalancers", "400")).isPositive();
  }

  @Test
  void throttledAndFailedCallsAreRetriedAndTheRetriesAreCounted() {
    // An action the operator itself never calls, so that its own polling cannot take the faults.
    proxy.arm("DescribeSSLPolicies", Fault.THROTTLE, 2);
    proxy.arm("DescribeSSLPolicies", Fault.SERVER_ERROR, 1);
    var throttledBefore = metric("aws_api_requests_total", "DescribeSSLPolicies", "400");

    var result = elbv2.describeSSLPolicies();

    assertThat(result.sdkHttpResponse().isSuccessful()).isTrue();
    assertThat(proxy.requests("DescribeSSLPolicies")).isEqualTo(4);
    assertThat(metric("aws_api_requests_total", "DescribeSSLPolicies", "400"))
        .isEqualTo(throttledBefore + 2);
    assertThat(metric("aws_api_requests_total", "DescribeSSLPolicies", "503")).isPositive();
  }

  @Test
  void ec2ThrottlingIsRetriedToo() {
    proxy.arm("DescribeAvailabilityZones", Fault.THROTTLE, 2);

    var zones = ec2.describeAvailabilityZones().availabilityZones();

    assertThat(zones).isNotEmpty();
    assertThat(proxy.requests("DescribeAvailabilityZones")).isEqualTo(3);
  }

  @Test
  void attemptThatTimesOutIsRetried() {
    proxy.slowness(
        Duration.ofSeconds(5)); // longer than the 3 s attempt timeout the tests configure
    // An action the IAM policy grants and the operator does not make, so only this call counts.
    proxy.arm("DescribeSSLPolicies", Fault.SLOW, 1);

    var result = elbv2.describeSSLPolicies();

    assertThat(result.sdkHttpResponse().isSuccessful()).isTrue();
    assertThat(proxy.requests("DescribeSSLPolicies")).isEqualTo(2);
  }

  /**
   * The value of a Prometheus counter at /metrics for one operation and HTTP status, 0 when absent.
   */
  private static double metric(String name, String operation, String statusCode) {
    var body = given().get("/metrics").then().statusCode(200).extract().asString();
    var line =
        Pattern.compile(
            "^"
                + name
                + "\\{[^}]*operation=\""
                + operation
                + "\"[^}]*status_code=\""
                + statusCode
                + "\"[^}]*} (\\S+)$",
            Pattern.MULTILINE);
    var matcher = line.matcher(body);
    double total = 0;
    while (matcher.find()) {
      total += Double.parseDouble(matcher.group(1));
    }
    return total;
  }
}
