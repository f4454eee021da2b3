package io.elbv2.operator.build;

import io.elbv2.operator.discovery.SubnetLookup;
import io.elbv2.operator.discovery.SubnetLookup.NamedSubnet;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A load balancer's subnets, as the Go controller's subnet resolver finds them for both kinds: the
 * ones an annotation names, by id or {@code Name} tag, at most one per availability zone (its
 * {@code validateSubnetsAZExclusivity}); or, when it names none, one per zone tagged for the
 * scheme.
 */
public final class Subnets {

  private Subnets() {}

  /**
   * @param annotation the annotation that names subnets, named in errors
   * @param named the subnets it names; empty to discover them
   */
  public static List<String> of(
      String annotation, List<String> named, Scheme scheme, SubnetLookup lookup) {
    if (named.isEmpty()) {
      return lookup.discover(scheme);
    }
    var resolved = Lookups.named(annotation, () -> lookup.resolve(named));
    oneAZoneEach(annotation, resolved);
    return resolved.stream().map(NamedSubnet::id).toList();
  }

  /** The tag that marks a cluster's subnets for load balancers of the scheme. */
  public static String roleTag(Scheme scheme) {
    return scheme == Scheme.INTERNAL ? "kubernetes.io/role/internal-elb" : "kubernetes.io/role/elb";
  }

  private static void oneAZoneEach(String annotation, List<NamedSubnet> subnets) {
    var byZone = new TreeMap<String, List<String>>();
    subnets.forEach(s -> byZone.computeIfAbsent(s.zone(), z -> new ArrayList<>()).add(s.id()));
    byZone.forEach(
        (zone, ids) -> {
          if (ids.size() > 1) {
            throw new InvalidAnnotationException(
                annotation,
                "subnets " + ids + " are all in availability zone " + zone + "; name one");
          }
        });
  }
}
