package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.build.nlb.ServiceAnnotations;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorOutOfProcess;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks of the Service controller against the local cluster (run by {@code bench/run.sh}, not
 * by the test suite), with the operator as a user gets it: the packaged operator in its own
 * process, started with the JVM options, memory limit and settings of the chart's Deployment
 * (resync periods included). For 1, 50 and 200 Services created at once: the time to each hostname,
 * the operator's CPU and memory, its AWS calls, and the time to delete them all; then the AWS calls
 * at rest and what a restart costs. Results go to {@code target/bench/service.txt}.
 */
@QuarkusTest
@TestProfile(OperatorOutOfProcess.class)
@QuarkusTestResource(LocalClusterResource.class)
class ServiceBench {

  /** Sizes of the bursts, the last one also measured at rest; e.g. -Dbench.services=50. */
  private static final List<Integer> BATCHES =
      java.util.Arrays.stream(System.getProperty("bench.services", "1,50,200").split(","))
          .map(size -> Integer.parseInt(size.trim()))
          .toList();

  /** Whether to measure the last batch at rest, for one load balancer resync period. */
  private static final boolean AT_REST =
      Boolean.parseBoolean(System.getProperty("bench.at-rest", "true"));

  /** Whether to also measure a restart beside the last batch. */
  private static final boolean RESTART =
      Boolean.parseBoolean(System.getProperty("bench.restart", "true"));

  @Inject KubernetesClient client;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  @Test
  void serviceToHostname() throws Exception {
    var chart = ChartOperator.forCluster(client, cluster);
    var report = new BenchReport(Path.of("target/bench/service.txt"));
    report.add(chart.description());
    var operator = chart.startLeading(proxy);
    try {
      report.add(String.format("  started: %s", ProcessMemory.of(operator)));
      for (var size : BATCHES) {
        var workloads = Workloads.inFreshNamespace(client, "bench-svc");
        try {
          workloads.deployment("app", 2, 8080);
          proxy.reset();
          double cpu = operator.cpuSeconds();
          var latencies = createAndAwaitHostnames(workloads.namespace(), size);
          cpu = operator.cpuSeconds() - cpu;
          report.add(
              String.format(
                  "%d Services created at once -> hostname in status (ms): first %d, p50 %d, p99"
                      + " %d, max %d; operator CPU %.1f s; then %s",
                  size,
                  latencies.get(0),
                  BenchFigures.percentile(latencies, 50),
                  BenchFigures.percentile(latencies, 99),
                  latencies.get(size - 1),
                  cpu,
                  ProcessMemory.of(operator)));
          await()
              .atMost(Duration.ofMinutes(5))
              .until(() -> ReadyBindings.in(client, workloads.namespace()) == size);
          report.add(
              String.format(
                  "  AWS calls per Service until its hostname is set and its binding Ready: %s",
                  BenchFigures.perObject(proxy.requestsByAction(), size)));
          if (size == BATCHES.get(BATCHES.size() - 1)) {
            if (AT_REST) {
              var period = chart.loadBalancerResyncPeriod();
              report.add(
                  String.format(
                      "  at rest, AWS calls per Service over one load balancer resync period (%s):"
                          + " %s",
                      period, BenchFigures.callsAtRest(proxy, period, size)));
            }
            if (RESTART) {
              var restart = chart.restart(operator, proxy, "service", size);
              operator = restart.process();
              report.add(String.format("  restarted beside %d served Services: %s", size, restart));
            }
          }
          report.add(String.format("  all %d deleted at once: %s", size, deleteAll(workloads)));
        } finally {
          workloads.deleteAndAwait(Duration.ofMinutes(10));
        }
      }
    } finally {
      operator.close();
    }
  }

  private List<Long> createAndAwaitHostnames(String namespace, int size) {
    try (var watch =
        new AddressWatch<>(client.services().inNamespace(namespace), ServiceBench::hostname)) {
      var created = new HashMap<String, Long>();
      for (int i = 0; i < size; i++) {
        var name = "svc-" + i;
        created.put(name, System.nanoTime());
        client.resource(service(namespace, name)).create();
      }
      return watch.awaitLatencies(created);
    }
  }

  /** Deletes every Service of the namespace at once; done when the last one is gone. */
  private String deleteAll(Workloads workloads) {
    long start = System.nanoTime();
    proxy.reset();
    client.services().inNamespace(workloads.namespace()).delete();
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> client.services().inNamespace(workloads.namespace()).list().getItems().isEmpty());
    return String.format(
        "%.1f s until the last was gone (its load balancer, target group and security group"
            + " deleted); AWS calls %s",
        (System.nanoTime() - start) / 1e9, proxy.requestsByAction());
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
