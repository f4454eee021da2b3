package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.service.ServiceAnnotations;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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

  private static final Duration RESYNC_WINDOW = Duration.ofSeconds(30);
  private static final double RESYNC_PERIOD_SECONDS = 5; // elbv2.load-balancer-resync-period

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
                size, pct(latencies, 50), pct(latencies, 99), latencies.get(size - 1)));
        await()
            .atMost(Duration.ofMinutes(5))
            .until(() -> readyBindings(workloads.namespace()) == size);
        report.add(
            String.format(
                "  AWS calls per Service until its hostname is set and its binding Ready: %s",
                perService(proxy.requestsByAction(), size)));
        if (size == BATCHES.get(BATCHES.size() - 1)) {
          steadyState(report, size);
          if (RESTART) {
            restartedProcess(report, size);
          }
        }
      } finally {
        workloads.delete();
        await()
            .atMost(Duration.ofMinutes(10))
            .until(() -> client.namespaces().withName(workloads.namespace()).get() == null);
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
    var latencies = new ArrayList<Long>();
    var seen = new HashMap<String, Boolean>();
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              long now = System.nanoTime();
              for (var service : client.services().inNamespace(namespace).list().getItems()) {
                var name = service.getMetadata().getName();
                if (!seen.containsKey(name) && hostname(service) != null) {
                  seen.put(name, true);
                  latencies.add((now - created.get(name)) / 1_000_000);
                }
              }
              return seen.size() == size;
            });
    latencies.sort(null);
    return latencies;
  }

  private void steadyState(List<String> report, int size) {
    await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
    proxy.reset();
    long start = System.nanoTime();
    await().pollDelay(RESYNC_WINDOW).atMost(RESYNC_WINDOW.plusSeconds(1)).until(() -> true);
    double seconds = (System.nanoTime() - start) / 1e9;
    double resyncs = seconds / RESYNC_PERIOD_SECONDS;
    var perResync = new TreeMap<String, String>();
    proxy
        .requestsByAction()
        .forEach(
            (action, count) ->
                perResync.put(action, String.format("%.3f", count / resyncs / size)));
    report.add(
        String.format(
            "  steady state, AWS calls per Service per resync (%d Services, %.0f s, resync every"
                + " %.0f s; the TargetGroupBinding resync is also every 5 s here): %s",
            size, seconds, RESYNC_PERIOD_SECONDS, perResync));
  }

  /** A second operator process, started with everything in place, as after a restart. */
  private void restartedProcess(List<String> report, int size) throws Exception {
    try (var restartProxy = new FaultInjectingProxy(URI.create(cluster.get("AWS_ENDPOINT_URL")));
        // Sized as the chart's 512Mi memory limit sizes it in a container.
        var restarted =
            OperatorProcess.start(cluster, restartProxy.endpoint(), "-XX:MaxRAM=512m")) {
      long start = System.nanoTime();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  restarted.metric("reconciliations_success_total", "controller_name=\"service\"")
                      >= size);
      long seconds = (System.nanoTime() - start) / 1_000_000_000;
      await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21)).until(() -> true);
      report.add(
          String.format(
              "  operator process (-XX:MaxRAM=512m, as the chart's memory limit) started beside %d"
                  + " served Services: all reconciled within %d s, RSS %d MiB 20 s later; its AWS"
                  + " calls: %s",
              size, seconds, restarted.residentMiB(), restartProxy.requestsByAction()));
    }
  }

  private long readyBindings(String namespace) {
    return ReadyBindings.in(client, namespace);
  }

  private static SortedMap<String, String> perService(Map<String, Integer> counts, int size) {
    var perService = new TreeMap<String, String>();
    counts.forEach(
        (action, count) -> perService.put(action, String.format("%.2f", (double) count / size)));
    return perService;
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

  private static long pct(List<Long> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
