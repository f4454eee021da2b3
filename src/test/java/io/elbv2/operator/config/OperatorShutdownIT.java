package io.elbv2.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorProcess;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class OperatorShutdownIT {

  LocalCluster cluster;

  /** In front of moto, applying the IAM policies to the operator process's calls. */
  FaultInjectingProxy proxy;

  @Test
  void sigtermEndsTheLeadingOperatorWithoutAnError() throws Exception {
    try (var operator = OperatorProcess.start(cluster, proxy.endpoint())) {
      // A replica stopped before it may hold the lease until it expires.
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> operator.log().contains("leading: this replica reconciles"));

      int exitCode = operator.terminate(Duration.ofSeconds(30));

      assertThat(exitCode).as("exit code after SIGTERM").isIn(0, 143);
      assertThat(operator.log().lines().filter(line -> line.contains(" ERROR ")))
          .as("ERROR lines of the operator's log")
          .isEmpty();
    }
  }
}
