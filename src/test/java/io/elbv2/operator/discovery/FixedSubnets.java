package io.elbv2.operator.discovery;

import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import java.util.List;

/**
 * Subnets for model builder tests: two private ones for internal load balancers, two public ones
 * for internet-facing ones, and any name {@code x} resolving to {@code subnet-x} in zone {@code
 * zone-<its last character>} ({@code 1a} and {@code 2a} share a zone).
 */
public final class FixedSubnets implements SubnetLookup {

  @Override
  public List<String> discover(Scheme scheme) {
    return scheme == Scheme.INTERNAL
        ? List.of("subnet-priv-a", "subnet-priv-b")
        : List.of("subnet-pub-a", "subnet-pub-b");
  }

  @Override
  public List<NamedSubnet> resolve(List<String> idsOrNames) {
    return idsOrNames.stream()
        .map(n -> n.startsWith("subnet-") ? n : "subnet-" + n)
        .map(id -> new NamedSubnet(id, "zone-" + id.charAt(id.length() - 1)))
        .toList();
  }
}
