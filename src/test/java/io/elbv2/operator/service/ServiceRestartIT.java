package io.elbv2.operator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.build.nlb.ServiceAnnotations;
import io.elbv2.operator.targetgroupbinding.Checkpoint;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class ServiceRestartIT {

  private static final Map<String, Map<String, String>> SERVICES =
      Map.of(
          "ip", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip"),
          "instance", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb"),
          "tuned",
              Map.of(
                  ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip",
                  ServiceAnnotations.ATTRIBUTES, "load_balancing.cross_zone.enabled=true",
                  ServiceAnnotations.TARGET_GROUP_ATTRIBUTES,
                      "deregistration_delay.timeout_seconds=30",
                  ServiceAnnotations.HC_PROTOCOL, "HTTP",
                  ServiceAnnotations.SOURCE_RANGES, "203.0.113.0/24"));

  @Inject KubernetesClient client;
  LocalCluster cluster;

  @Test
  void restartWithUnchangedServicesWritesNothingToAws() throws Exception {
    var workloads = Workloads.inFreshNamespace(client, "svc-restart");
    try {
      workloads.deployment("app", 2, 8080);
      SERVICES.forEach(
          (name, annotations) -> client.resource(service(workloads, name, annotations)).create());
      await()
          .atMost(Duration.ofMinutes(2))
          .until(
              () ->
                  client.services().inNamespace(workloads.namespace()).list().getItems().stream()
                          .filter(s -> s.getStatus().getLoadBalancer().getIngress() != null)
                          .filter(s -> !s.getStatus().getLoadBalancer().getIngress().isEmpty())
                          .count()
                      == SERVICES.size());
      // The in-process operator has finished with every binding (targets, rules, checkpoint), so
      // the restarted one has nothing left to do.
      await().atMost(Duration.ofMinutes(2)).until(() -> bindingsSettled(workloads.namespace()));

      try (var proxy = new FaultInjectingProxy(URI.create(cluster.get("AWS_ENDPOINT_URL")));
          var restarted = OperatorProcess.start(cluster, proxy.endpoint())) {
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> restarted.successfulReconciliations("service") >= SERVICES.size());

        assertThat(proxy.requestsByAction().keySet())
            .as("AWS actions of the restarted operator")
            .allMatch(action -> action.startsWith("Describe"));
        assertThat(proxy.requests("DescribeLoadBalancers")).isPositive();
      }
    } finally {
      workloads.deleteAndAwait(Duration.ofMinutes(3));
    }
  }

  private boolean bindingsSettled(String namespace) {
    var bindings =
        client.resources(TargetGroupBinding.class).inNamespace(namespace).list().getItems();
    return bindings.size() == SERVICES.size()
        && bindings.stream().allMatch(ServiceRestartIT::settled);
  }

  private static boolean settled(TargetGroupBinding binding) {
    var annotations = binding.getMetadata().getAnnotations();
    var status = binding.getStatus();
    return annotations != null
        && annotations.containsKey(Checkpoint.ANNOTATION)
        && status != null
        && binding.getMetadata().getGeneration().equals(status.observedGeneration())
        && status.conditions() != null
        && status.conditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static io.fabric8.kubernetes.api.model.Service service(
      Workloads workloads, String name, Map<String, String> annotations) {
    return LoadBalancerServices.tcp(workloads.namespace(), name, "app", 80, 8080, annotations);
  }
}
