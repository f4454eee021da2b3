package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbModelBuilderTest.ingress;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.path;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorOutOfProcess;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An operator process that starts beside Ingresses already there, as after a restart. */
@QuarkusTest
@TestProfile(OperatorOutOfProcess.class)
@QuarkusTestResource(LocalClusterResource.class)
class IngressRestartIT {

  private static final int INGRESSES = 20;

  @Inject KubernetesClient client;
  LocalCluster cluster;

  /** In front of moto, applying the IAM policies to the operator process's calls. */
  FaultInjectingProxy proxy;

  @Test
  void everyIngressThereWhenTheOperatorStartsGetsItsLoadBalancer() throws Exception {
    var workloads = Workloads.inFreshNamespace(client, "ing-start");
    workloads.deployment("app", 1, 8080);
    workloads.service("app", "NodePort");
    for (int i = 0; i < INGRESSES; i++) {
      client
          .resource(
              ingress(
                  workloads.namespace(),
                  "ing-" + i,
                  Map.of(
                      "kubernetes.io/ingress.class", "alb",
                      "alb.ingress.kubernetes.io/target-type", "ip"),
                  rule(null, path("/", "Prefix", "app", 80))))
          .create();
    }
    try (var operator = OperatorProcess.start(cluster, proxy.endpoint())) {
      try {
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> served(workloads.namespace()) == INGRESSES);
        assertThat(operator.log().lines().filter(line -> line.contains(" ERROR ")))
            .as("ERROR lines of the operator's log")
            .isEmpty();
      } finally {
        workloads.deleteAndAwait(Duration.ofMinutes(5));
      }
    }
  }

  private long served(String namespace) {
    return client.network().v1().ingresses().inNamespace(namespace).list().getItems().stream()
        .filter(IngressRestartIT::hasHostname)
        .count();
  }

  private static boolean hasHostname(Ingress ingress) {
    var status = ingress.getStatus();
    return status != null
        && status.getLoadBalancer() != null
        && status.getLoadBalancer().getIngress() != null
        && !status.getLoadBalancer().getIngress().isEmpty();
  }
}
