package io.elbv2.operator.discovery;

import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps what subnet discovery found for a while, so that reconciling many Services does not ask EC2
 * the same question for each; subnets named in annotations are looked up every time. Reconciles
 * that ask at once while nothing is kept (a burst, a restart) wait for one answer.
 */
public final class CachedSubnetLookup implements SubnetLookup {

  private record Found(List<String> subnets, Instant at) {}

  private final SubnetLookup lookup;
  private final Duration keep;
  private final Clock clock;
  private final Map<Scheme, Found> found = new ConcurrentHashMap<>();

  public CachedSubnetLookup(SubnetLookup lookup, Duration keep, Clock clock) {
    this.lookup = lookup;
    this.keep = keep;
    this.clock = clock;
  }

  @Override
  public List<String> discover(Scheme scheme) {
    // compute() holds the scheme's entry: the others asking for it wait and read what it found.
    return found
        .compute(
            scheme,
            (s, cached) -> {
              var now = clock.instant();
              return cached != null && cached.at().plus(keep).isAfter(now)
                  ? cached
                  : new Found(lookup.discover(s), now);
            })
        .subnets();
  }

  @Override
  public List<NamedSubnet> resolve(List<String> idsOrNames) {
    return lookup.resolve(idsOrNames);
  }
}
