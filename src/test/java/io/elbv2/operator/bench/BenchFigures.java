package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.OperatorProcess;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The figures the benchmarks share: AWS calls per object. */
final class BenchFigures {

  static final Duration RESYNC_WINDOW = Duration.ofSeconds(30);
  static final double RESYNC_PERIOD_SECONDS = 5; // elbv2.load-balancer-resync-period in tests

  private BenchFigures() {}

  /** The AWS calls of a {@link #RESYNC_WINDOW} at rest, per object and per resync period. */
  static SortedMap<String, String> callsPerResync(FaultInjectingProxy proxy, int objects) {
    await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
    proxy.reset();
    long start = System.nanoTime();
    await().pollDelay(RESYNC_WINDOW).atMost(RESYNC_WINDOW.plusSeconds(1)).until(() -> true);
    double resyncs = (System.nanoTime() - start) / 1e9 / RESYNC_PERIOD_SECONDS;
    return perObject(proxy.requestsByAction(), resyncs * objects, "%.3f");
  }

  static SortedMap<String, String> perObject(Map<String, Integer> counts, double objects) {
    return perObject(counts, objects, "%.2f");
  }

  private static SortedMap<String, String> perObject(
      Map<String, Integer> counts, double divisor, String format) {
    var per = new TreeMap<String, String>();
    counts.forEach((action, count) -> per.put(action, String.format(format, count / divisor)));
    return per;
  }

  /**
   * What a second operator process does when started beside objects already served, as after a
   * restart.
   *
   * @param secondsToReconcile until it had reconciled every object once
   * @param calls its AWS calls until 20 s after that
   * @param residentMiB its resident memory then
   */
  record Restart(long secondsToReconcile, Map<String, Integer> calls, long residentMiB) {

    /** The calls that change something in AWS. */
    SortedMap<String, Integer> writes() {
      var writes = new TreeMap<String, Integer>();
      calls.forEach(
          (action, count) -> {
            if (WRITES.matcher(action).lookingAt()) {
              writes.put(action, count);
            }
          });
      return writes;
    }
  }

  private static final java.util.regex.Pattern WRITES =
      java.util.regex.Pattern.compile(
          "Create|Delete|Modify|Set|Add|Remove|Register|Deregister|Authorize|Revoke");

  /**
   * Starts a second operator process, sized as the chart's 512Mi memory limit sizes it in a
   * container, and measures it.
   *
   * @param controller the controller whose reconciliations are counted
   */
  static Restart restart(LocalCluster cluster, String controller, int objects) throws Exception {
    try (var proxy = new FaultInjectingProxy(URI.create(cluster.get("AWS_ENDPOINT_URL")));
        var restarted = OperatorProcess.start(cluster, proxy.endpoint(), "-XX:MaxRAM=512m")) {
      long start = System.nanoTime();
      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> restarted.successfulReconciliations(controller) >= objects);
      long seconds = (System.nanoTime() - start) / 1_000_000_000;
      await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21)).until(() -> true);
      return new Restart(seconds, proxy.requestsByAction(), restarted.residentMiB());
    }
  }

  static long percentile(List<Long> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
