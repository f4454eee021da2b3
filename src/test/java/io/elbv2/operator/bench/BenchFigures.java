package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.FaultInjectingProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The figures the benchmarks share: AWS calls per object, writes, percentiles. */
final class BenchFigures {

  private static final Pattern WRITES =
      Pattern.compile("Create|Delete|Modify|Set|Add|Remove|Register|Deregister|Authorize|Revoke");

  private BenchFigures() {}

  /**
   * The AWS calls of one resync {@code period} at rest, per object, measured from 10 s after the
   * last change.
   */
  static SortedMap<String, String> callsAtRest(
      FaultInjectingProxy proxy, Duration period, int objects) {
    await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
    proxy.reset();
    await().pollDelay(period).atMost(period.plusSeconds(1)).until(() -> true);
    return perObject(proxy.requestsByAction(), objects, "%.3f");
  }

  static SortedMap<String, String> perObject(Map<String, Integer> counts, double objects) {
    return perObject(counts, objects, "%.2f");
  }

  private static SortedMap<String, String> perObject(
      Map<String, Integer> counts, double objects, String format) {
    var per = new TreeMap<String, String>();
    counts.forEach((action, count) -> per.put(action, String.format(format, count / objects)));
    return per;
  }

  /** The calls that change something in AWS. */
  static SortedMap<String, Integer> writes(Map<String, Integer> calls) {
    var writes = new TreeMap<String, Integer>();
    calls.forEach(
        (action, count) -> {
          if (WRITES.matcher(action).lookingAt()) {
            writes.put(action, count);
          }
        });
    return writes;
  }

  static long percentile(List<Long> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
