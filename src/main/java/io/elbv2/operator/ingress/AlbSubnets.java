package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.SUBNETS;

import io.elbv2.operator.discovery.SubnetLookup.NamedSubnet;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.LoadBalancerSpec.SubnetMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The subnets of the group's ALB, as the Go controller's subnet resolver checks them: the {@value
 * AlbAnnotations#SUBNETS} the members agree on, at most one per availability zone, or one
 * discovered per zone; in at least two zones unless the {@code ALBSingleSubnet} gate is on.
 */
final class AlbSubnets {

  private AlbSubnets() {}

  static List<SubnetMapping> of(IngressGroup group, Scheme scheme, AlbContext context) {
    var asked = asked(group);
    List<String> subnets;
    if (asked == null) {
      subnets = context.subnets().discover(scheme);
    } else {
      List<NamedSubnet> named;
      try {
        named = context.subnets().resolve(asked);
      } catch (IllegalArgumentException e) {
        throw new InvalidAnnotationException(SUBNETS, e.getMessage());
      }
      oneAZoneEach(named);
      subnets = named.stream().map(NamedSubnet::id).toList();
    }
    var fewest = context.singleSubnet() ? 1 : 2;
    if (subnets.size() < fewest) {
      throw new InvalidAnnotationException(
          SUBNETS,
          "an Application Load Balancer needs subnets in at least "
              + (fewest == 1 ? "one zone" : "two zones")
              + "; found "
              + subnets.size()
              + (asked == null
                  ? " tagged "
                      + (scheme == Scheme.INTERNAL
                          ? "kubernetes.io/role/internal-elb"
                          : "kubernetes.io/role/elb")
                  : ""));
    }
    return subnets.stream().map(SubnetMapping::of).toList();
  }

  /** The subnets the members name, which must be the same (in any order); null if none does. */
  private static List<String> asked(IngressGroup group) {
    var named = new TreeSet<String>();
    List<String> asked = null;
    for (var member : group.members()) {
      var listed = GroupAnnotations.of(member.ingress()).list(SUBNETS);
      if (listed.isEmpty()) {
        continue;
      }
      if (asked != null && !new TreeSet<>(listed).equals(named)) {
        throw new InvalidAnnotationException(
            SUBNETS, "the group's Ingresses ask for different subnets");
      }
      asked = listed;
      named.addAll(listed);
    }
    return asked;
  }

  private static void oneAZoneEach(List<NamedSubnet> subnets) {
    var byZone = new TreeMap<String, List<String>>();
    subnets.forEach(s -> byZone.computeIfAbsent(s.zone(), z -> new ArrayList<>()).add(s.id()));
    byZone.forEach(
        (zone, ids) -> {
          if (ids.size() > 1) {
            throw new InvalidAnnotationException(
                SUBNETS, "subnets " + ids + " are all in availability zone " + zone + "; name one");
          }
        });
  }
}
