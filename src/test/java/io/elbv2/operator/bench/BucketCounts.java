package io.elbv2.operator.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * The cumulative bucket counts of one Prometheus histogram, read from a scrape, so that what
 * happened between two scrapes can be told in quantiles (to the bucket bound).
 *
 * @param counts observations at or below each bound, in seconds ({@code +Inf} as infinity)
 */
record BucketCounts(TreeMap<Double, Double> counts) {

  /** The buckets of {@code metric} in {@code scrape} whose labels contain every {@code labels}. */
  static BucketCounts of(String scrape, String metric, String... labels) {
    var counts = new TreeMap<Double, Double>();
    scrape
        .lines()
        .filter(l -> l.startsWith(metric + "_bucket{"))
        .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
        .forEach(
            l -> {
              var le = l.replaceAll(".*le=\"([^\"]+)\".*", "$1");
              var bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
              counts.merge(
                  bound, Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)), Double::sum);
            });
    return new BucketCounts(counts);
  }

  BucketCounts since(BucketCounts before) {
    var delta = new TreeMap<Double, Double>();
    counts.forEach(
        (bound, count) -> delta.put(bound, count - before.counts.getOrDefault(bound, 0.0)));
    return new BucketCounts(delta);
  }

  double total() {
    return counts.isEmpty() ? 0 : counts.lastEntry().getValue();
  }

  /** The bound of the first bucket that holds the {@code quantile} of the observations. */
  double upperBound(double quantile) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue() >= quantile * total())
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(Double.NaN);
  }

  String describe() {
    return String.format(
        "%.0f calls, p50 <= %s ms, p99 <= %s ms",
        total(), milliseconds(upperBound(0.5)), milliseconds(upperBound(0.99)));
  }

  private static String milliseconds(double seconds) {
    return Double.isInfinite(seconds) ? "inf" : String.format("%.0f", seconds * 1000);
  }
}
