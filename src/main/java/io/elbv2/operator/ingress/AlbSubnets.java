package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.SUBNETS;

import io.elbv2.operator.build.Subnets;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.LoadBalancerSpec.SubnetMapping;
import java.util.List;
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
    var subnets = Subnets.of(SUBNETS, asked, scheme, context.subnets());
    var fewest = context.singleSubnet() ? 1 : 2;
    if (subnets.size() < fewest) {
      throw new InvalidAnnotationException(
          SUBNETS,
          "an Application Load Balancer needs subnets in at least "
              + (fewest == 1 ? "one zone" : "two zones")
              + "; found "
              + subnets.size()
              + (asked.isEmpty() ? " tagged " + Subnets.roleTag(scheme) : ""));
    }
    return subnets.stream().map(SubnetMapping::of).toList();
  }

  /** The subnets the members name, which must be the same (in any order); empty if none does. */
  private static List<String> asked(IngressGroup group) {
    var named = new TreeSet<String>();
    List<String> asked = List.of();
    for (var member : group.members()) {
      var listed = member.settings().subnets();
      if (listed.isEmpty()) {
        continue;
      }
      if (!asked.isEmpty() && !new TreeSet<>(listed).equals(named)) {
        throw new InvalidAnnotationException(
            SUBNETS, "the group's Ingresses ask for different subnets");
      }
      asked = listed;
      named.addAll(listed);
    }
    return asked;
  }
}
