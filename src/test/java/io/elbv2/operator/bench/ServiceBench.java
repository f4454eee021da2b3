package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.service.ServiceAnnotations;
import io.elbv2.operator.testing.ChartRendering;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.Helm;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorOutOfProcess;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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

  /** Whether to also measure a second operator process started beside the last batch. */
  private static final boolean RESTART =
      Boolean.parseBoolean(System.getProperty("bench.restart", "true"));

  @Inject KubernetesClient client;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  @Test
  void serviceToHostname() throws Exception {
    ChartRendering.applyCrds(client);
    var chart = chart();
    var report = new Report(Path.of("target/bench/service.txt"));
    report.add(
        String.format(
            "operator %s with the chart's JVM options %s and settings (resync periods %s and %s;"
                + " values changed: %s)",
            System.getProperty("operator.jar", "target/quarkus-app/quarkus-run.jar"),
            chart.jvmOptions(),
            chart.environment().get("ELBV2_LOAD_BALANCER_RESYNC_PERIOD"),
            chart.environment().get("ELBV2_TARGET_GROUP_BINDING_RESYNC_PERIOD"),
            System.getProperty("bench.chart-values", "none")));
    var operator = startLeading(chart);
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
              steadyState(report, size, chart);
            }
            if (RESTART) {
              operator = restart(report, operator, size, chart);
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

  /** Lines printed as they come and written to a file. */
  private record Report(Path file, List<String> lines) {
    Report(Path file) {
      this(file, new ArrayList<>());
    }

    void add(String line) throws java.io.IOException {
      System.out.println(line);
      lines.add(line);
      Files.createDirectories(file.getParent());
      Files.write(file, lines);
    }
  }

  private OperatorProcess startLeading(ChartRendering chart) {
    var operator = start(chart, proxy);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> operator.log().contains("leading: this replica reconciles"));
    return operator;
  }

  /**
   * Stops the operator as Kubernetes stops a pod and starts another with everything in place, as a
   * rolling update or a node drain does; returns the new one, once it has reconciled every Service
   * and then had 20 s more.
   */
  private OperatorProcess restart(
      Report report, OperatorProcess operator, int size, ChartRendering chart) throws Exception {
    operator.terminate(Duration.ofSeconds(30));
    proxy.reset();
    long start = System.nanoTime();
    var restarted = startLeading(chart);
    long leading = System.nanoTime();
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> restarted.successfulReconciliations("service") >= size);
    long reconciled = System.nanoTime();
    await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21)).until(() -> true);
    var calls = proxy.requestsByAction();
    report.add(
        String.format(
            "  restarted beside %d served Services: leading %.1f s after start, all reconciled"
                + " %.1f s after that; %s; its AWS calls until 20 s later: %s",
            size,
            (leading - start) / 1e9,
            (reconciled - leading) / 1e9,
            ProcessMemory.of(restarted),
            calls));
    return restarted;
  }

  /**
   * The chart rendered for this cluster, with the values of {@code -Dbench.chart-values} (e.g.
   * {@code serviceMaxConcurrentCreations=10}, for a variant to report beside the defaults); its AWS
   * endpoint is replaced by each process's.
   */
  private ChartRendering chart() {
    var values =
        new ArrayList<>(
            List.of(
                "--set=clusterName=" + cluster.get("ELBV2_CLUSTER_NAME"),
                "--set=region=" + cluster.get("AWS_REGION"),
                "--set=vpcId=" + cluster.get("ELBV2_VPC_ID")));
    var variant = System.getProperty("bench.chart-values", "");
    if (!variant.isBlank()) {
      values.add("--set-string=" + variant);
    }
    return ChartRendering.of(client, Helm.of(cluster), values.toArray(String[]::new));
  }

  /**
   * The packaged operator with the chart's environment and JVM options, but for what differs
   * outside a pod: no webhook certificate (no webhook is called here) and the AWS endpoint.
   */
  private OperatorProcess start(ChartRendering chart, FaultInjectingProxy aws) {
    var environment = new HashMap<>(chart.environment());
    environment.keySet().removeIf(name -> name.startsWith("QUARKUS_HTTP"));
    environment.put("ELBV2_AWS_ENDPOINT", aws.endpoint().toString());
    return OperatorProcess.start(
        cluster, aws.endpoint(), environment, chart.jvmOptions().toArray(String[]::new));
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

  /** The AWS calls of one load balancer resync period at rest, per Service. */
  private void steadyState(Report report, int size, ChartRendering chart) throws Exception {
    var period =
        Duration.parse(
            "PT" + chart.environment().get("ELBV2_LOAD_BALANCER_RESYNC_PERIOD").toUpperCase());
    await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
    proxy.reset();
    await().pollDelay(period).atMost(period.plusSeconds(1)).until(() -> true);
    report.add(
        String.format(
            "  at rest, AWS calls per Service over one load balancer resync period (%s): %s",
            period, BenchFigures.perObject(proxy.requestsByAction(), size)));
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
