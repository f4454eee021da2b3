package io.elbv2.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorOutOfProcess;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.iam.IamEnforcement;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged operator, as the chart runs them with {@code replicaCount: 2}, each
 * calling AWS through its own proxy so that each one's calls are counted apart.
 */
@QuarkusTest
@TestProfile(OperatorOutOfProcess.class)
@QuarkusTestResource(LocalClusterResource.class)
class StandbyReplicaIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String LEADING = "leading: this replica reconciles";

  LocalCluster cluster;

  @Test
  void aReplicaWaitingForTheLeaseCallsNoAwsApiAndFillsItsCachesAndReadsItsVpcOnceItLeads()
      throws Exception {
    var moto = URI.create(cluster.get("AWS_ENDPOINT_URL"));
    try (var leaderAws = underProjectPolicies(new FaultInjectingProxy(moto));
        var standbyAws = underProjectPolicies(new FaultInjectingProxy(moto));
        var leader = OperatorProcess.start(cluster, leaderAws.endpoint())) {
      await().atMost(TIMEOUT).until(() -> leader.log().contains(LEADING));
      assertThat(leaderAws.requests("DescribeLoadBalancers")).isPositive();

      try (var standby = OperatorProcess.start(cluster, standbyAws.endpoint())) {
        await().atMost(TIMEOUT).until(() -> standby.log().contains("'service' controller started"));
        // Longer than it takes a replica to start and list everything.
        await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
        assertThat(standby.log()).doesNotContain(LEADING);
        assertThat(standbyAws.requestsByAction()).as("AWS calls of the standby replica").isEmpty();

        leader.terminate(Duration.ofSeconds(30));

        await().atMost(TIMEOUT).until(() -> standby.log().contains(LEADING));
        assertThat(standbyAws.requestsByAction())
            .as("listed, and the VPC and its subnets read, before it reconciles")
            .containsKeys(
                "DescribeLoadBalancers",
                "DescribeTargetGroups",
                "DescribeSecurityGroups",
                "DescribeVpcs",
                "DescribeSubnets");
      }
    }
  }

  private FaultInjectingProxy underProjectPolicies(FaultInjectingProxy proxy) {
    proxy.enforce(IamEnforcement.ofProjectPolicies(cluster.elbv2Admin(), cluster.ec2Admin()));
    return proxy;
  }
}
