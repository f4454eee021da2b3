package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.EIP_ALLOCATIONS;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.PRIVATE_IPV4;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.SUBNETS;

import io.elbv2.operator.build.Subnets;
import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.Cidrs;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.LoadBalancerSpec.SubnetMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * The subnets of a Service's NLB: the {@value ServiceAnnotations#SUBNETS}, at most one per
 * availability zone, or those discovered for its scheme (see {@link Subnets}); each with its
 * Elastic IP ({@value ServiceAnnotations#EIP_ALLOCATIONS}, internet-facing only) or private IPv4
 * address ({@value ServiceAnnotations#PRIVATE_IPV4}, internal only), one per subnet in order.
 */
final class NlbSubnets {

  private NlbSubnets() {}

  static List<SubnetMapping> of(Annotations annotations, Scheme scheme, NlbContext context) {
    var subnets = Subnets.of(SUBNETS, annotations.list(SUBNETS), scheme, context.subnets());
    if (subnets.isEmpty()) {
      throw new InvalidAnnotationException(
          SUBNETS,
          "no subnets given and none found tagged "
              + Subnets.roleTag(scheme)
              + " for this cluster");
    }
    var eips = eipAllocations(annotations, scheme, subnets.size());
    var privateIps = privateIpv4Addresses(annotations, scheme, subnets.size());
    var mappings = new ArrayList<SubnetMapping>();
    for (int i = 0; i < subnets.size(); i++) {
      mappings.add(
          new SubnetMapping(
              subnets.get(i),
              eips.isEmpty() ? null : eips.get(i),
              privateIps.isEmpty() ? null : privateIps.get(i)));
    }
    return mappings;
  }

  private static List<String> eipAllocations(Annotations annotations, Scheme scheme, int subnets) {
    var eips = annotations.list(EIP_ALLOCATIONS);
    if (!eips.isEmpty()) {
      if (scheme != Scheme.INTERNET_FACING) {
        throw new InvalidAnnotationException(
            EIP_ALLOCATIONS, "needs an internet-facing load balancer");
      }
      if (eips.size() != subnets) {
        throw new InvalidAnnotationException(
            EIP_ALLOCATIONS,
            eips.size() + " allocations for " + subnets + " subnets; give one per subnet");
      }
    }
    return eips;
  }

  private static List<String> privateIpv4Addresses(
      Annotations annotations, Scheme scheme, int subnets) {
    var privateIps = annotations.list(PRIVATE_IPV4);
    if (!privateIps.isEmpty()) {
      if (scheme != Scheme.INTERNAL) {
        throw new InvalidAnnotationException(PRIVATE_IPV4, "needs an internal load balancer");
      }
      for (var address : privateIps) {
        if (!Cidrs.isIpv4Address(address)) {
          throw new InvalidAnnotationException(
              PRIVATE_IPV4, "private IPv4 addresses must be valid IPv4 address: " + address);
        }
      }
      if (privateIps.size() != subnets) {
        throw new InvalidAnnotationException(
            PRIVATE_IPV4,
            privateIps.size() + " addresses for " + subnets + " subnets; give one per subnet");
      }
    }
    return privateIps;
  }
}
