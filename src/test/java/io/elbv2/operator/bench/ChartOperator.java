package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.ChartRendering;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.Helm;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.OperatorProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SortedMap;

/**
 * The packaged operator as the chart's Deployment starts it: its environment (resync periods
 * included), its JVM options and its memory limit, with the values of {@code -Dbench.chart-values}
 * (e.g. {@code awsMaxConcurrentCalls=8}, for a variant to report beside the defaults). What differs
 * outside a pod: no webhook certificate (no webhook is called by the benchmarks) and the AWS
 * endpoint, a proxy that counts the calls.
 */
final class ChartOperator {

  private final LocalCluster cluster;
  private final ChartRendering chart;

  private ChartOperator(LocalCluster cluster, ChartRendering chart) {
    this.cluster = cluster;
    this.chart = chart;
  }

  /** The chart rendered for the local cluster, its CRDs installed as helm installs them. */
  static ChartOperator forCluster(KubernetesClient client, LocalCluster cluster) throws Exception {
    ChartRendering.applyCrds(client);
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
    return new ChartOperator(
        cluster, ChartRendering.of(client, Helm.of(cluster), values.toArray(String[]::new)));
  }

  /** The first line of a report: which operator, with which options and settings. */
  String description() {
    return String.format(
        "operator %s with the chart's JVM options %s and settings (resync periods %s and %s;"
            + " values changed: %s)",
        System.getProperty("operator.jar", "target/quarkus-app/quarkus-run.jar"),
        chart.jvmOptions(),
        chart.environment().get("ELBV2_LOAD_BALANCER_RESYNC_PERIOD"),
        chart.environment().get("ELBV2_TARGET_GROUP_BINDING_RESYNC_PERIOD"),
        System.getProperty("bench.chart-values", "none"));
  }

  Duration loadBalancerResyncPeriod() {
    return Duration.parse(
        "PT" + chart.environment().get("ELBV2_LOAD_BALANCER_RESYNC_PERIOD").toUpperCase());
  }

  /** Starts a process and returns it once it holds the leader lease. */
  OperatorProcess startLeading(FaultInjectingProxy aws) {
    var environment = new HashMap<>(chart.environment());
    environment.keySet().removeIf(name -> name.startsWith("QUARKUS_HTTP"));
    environment.put("ELBV2_AWS_ENDPOINT", aws.endpoint().toString());
    var operator =
        OperatorProcess.start(
            cluster, aws.endpoint(), environment, chart.jvmOptions().toArray(String[]::new));
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> operator.log().contains("leading: this replica reconciles"));
    return operator;
  }

  /**
   * Stops the operator as Kubernetes stops a pod and starts another with everything in place, as a
   * rolling update or a node drain does; measures the new one until it has reconciled every object
   * of {@code controller} and then had 20 s more.
   */
  Restart restart(OperatorProcess operator, FaultInjectingProxy aws, String controller, int objects)
      throws Exception {
    operator.terminate(Duration.ofSeconds(30));
    aws.reset();
    long start = System.nanoTime();
    var restarted = startLeading(aws);
    try {
      long leading = System.nanoTime();
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> restarted.successfulReconciliations(controller) >= objects);
      long reconciled = System.nanoTime();
      await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21)).until(() -> true);
      long lastCall = aws.lastRequestNanos();
      return new Restart(
          restarted,
          (leading - start) / 1e9,
          (reconciled - leading) / 1e9,
          lastCall < start ? 0 : (lastCall - start) / 1e9,
          aws.requestsByAction(),
          ProcessMemory.of(restarted));
    } catch (RuntimeException | java.io.IOException e) {
      restarted.close();
      throw e;
    }
  }

  /**
   * A restarted process and what it did.
   *
   * @param leadingAfter seconds from its start until it held the lease
   * @param reconciledAfter seconds from then until it had reconciled every object once
   * @param lastCallAfter seconds from its start until its last AWS call of the 20 s after that
   * @param calls its AWS calls until 20 s after every object was reconciled
   */
  record Restart(
      OperatorProcess process,
      double leadingAfter,
      double reconciledAfter,
      double lastCallAfter,
      SortedMap<String, Integer> calls,
      ProcessMemory memory) {

    @Override
    public String toString() {
      return String.format(
          "leading %.1f s after start, all reconciled %.1f s after that, last AWS call %.1f s"
              + " after start; writes %s; %s; its AWS calls until 20 s after all were reconciled:"
              + " %s",
          leadingAfter, reconciledAfter, lastCallAfter, BenchFigures.writes(calls), memory, calls);
    }
  }
}
