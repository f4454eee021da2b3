package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.service.ServiceAnnotations;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks of the Service controller against the local cluster (run by {@code bench/run.sh}, not
 * by the test suite): how long a new Service waits for its NLB hostname when 1, 50 or 200 are
 * created at once, how many AWS calls a Service costs on creation and per resync, and the memory of
 * an operator process serving 200 Services. Results go to {@code target/bench/service.txt}.
 */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class ServiceBench {

  /** Sizes of the bursts, the last one also measured at rest; e.g. -Dbench.services=50. */
  private static final List<Integer> BATCHES =
      java.util.Arrays.stream(System.getProperty("bench.services", "1,50,200").split(","))
          .map(size -> Integer.parseInt(size.trim()))
          .toList();

  /** Whether to also measure a second operator process (needs the packaged jar). */
  private static final boolean RESTART =
      Boolean.parseBoolean(System.getProperty("bench.restart", "true"));

  @Inject KubernetesClient client;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  @Test
  void serviceToHostname() throws Exception {
    var report = new ArrayList<String>();
    for (var size : BATCHES) {
      var workloads = Workloads.inFreshNamespace(client, "bench-svc");
      try {
        workloads.deployment("app", 2, 8080);
        proxy.reset();
        var latencies = createAndAwaitHostnames(workloads.namespace(), size);
        report.add(
            String.format(
                "%d Services created at once -> hostname in status (ms): p50 %d, p99 %d, max %d",
                size,
                BenchFigures.percentile(latencies, 50),
                BenchFigures.percentile(latencies, 99),
                latencies.get(size - 1)));
        await()
            .atMost(Duration.ofMinutes(5))
            .until(() -> readyBindings(workloads.namespace()) == size);
        report.add(
            String.format(
                "  AWS calls per Service until its hostname is set and its binding Ready: %s",
                BenchFigures.perObject(proxy.requestsByAction(), size)));
        if (size == BATCHES.get(BATCHES.size() - 1)) {
          steadyState(report, size);
          if (RESTART) {
            restartedProcess(report, size);
          }
        }
      } finally {
        workloads.deleteAndAwait(Duration.ofMinutes(10));
      }
    }
    var out = Path.of("target/bench/service.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, report);
    report.forEach(System.out::println);
  }

  private List<Long> createAndAwaitHostnames(String namespace, int size) {
    var created = new HashMap<String, Long>();
    for (int i = 0; i < size; i++) {
      var name = "svc-" + i;
      created.put(name, System.nanoTime());
      client.resource(service(namespace, name)).create();
    }
    return BenchFigures.awaitAddresses(
        created,
        () ->
            client.services().inNamespace(namespace).list().getItems().stream()
                .filter(service -> hostname(service) != null)
                .map(service -> service.getMetadata().getName())
                .toList());
  }

  private void steadyState(List<String> report, int size) {
    report.add(
        String.format(
            "  steady state, AWS calls per Service per resync (%d Services, %.0f s, resync every"
                + " %.0f s; the TargetGroupBinding resync is also every 5 s here): %s",
            size,
            (double) BenchFigures.RESYNC_WINDOW.toSeconds(),
            BenchFigures.RESYNC_PERIOD_SECONDS,
            BenchFigures.callsPerResync(proxy, size)));
  }

  /** A second operator process, started with everything in place, as after a restart. */
  private void restartedProcess(List<String> report, int size) throws Exception {
    var restart = BenchFigures.restart(cluster, "service", size);
    report.add(
        String.format(
            "  operator process (-XX:MaxRAM=512m, as the chart's memory limit) started beside %d"
                + " served Services: all reconciled within %d s, RSS %d MiB 20 s later; its AWS"
                + " calls: %s",
            size, restart.secondsToReconcile(), restart.residentMiB(), restart.calls()));
  }

  private long readyBindings(String namespace) {
    return ReadyBindings.in(client, namespace);
  }

  private static String hostname(Service service) {
    if (service.getStatus() == null
        || service.getStatus().getLoadBalancer() == null
        || service.getStatus().getLoadBalancer().getIngress() == null
        || service.getStatus().getLoadBalancer().getIngress().isEmpty()) {
      return null;
    }
    return service.getStatus().getLoadBalancer().getIngress().get(0).getHostname();
  }

  private static Service service(String namespace, String name) {
    return LoadBalancerServices.tcp(
        namespace, name, "app", 80, 8080, Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip"));
  }
}
