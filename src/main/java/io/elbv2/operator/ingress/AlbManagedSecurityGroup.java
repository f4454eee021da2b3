package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.INBOUND_CIDRS;

import io.elbv2.operator.model.Cidrs;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.SecurityGroupSpec;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The group in front of the ALB, as the Go controller's {@code model_build_managed_sg.go} opens it:
 * on each listen port to the {@value AlbAnnotations#INBOUND_CIDRS} of the members listening there;
 * the members of a port that set them must agree; a port none sets is open to everyone. IPv6 ranges
 * apply only to a dualstack ALB.
 */
final class AlbManagedSecurityGroup {

  static final String RESOURCE_ID = "ManagedLBSecurityGroup";

  private AlbManagedSecurityGroup() {}

  static SecurityGroupSpec build(
      IngressGroup group,
      AlbContext context,
      IpAddressType ipAddressType,
      Set<Integer> listenPorts,
      Map<String, String> commonTags) {
    var rules = new ArrayList<SecurityGroupSpec.Rule>();
    for (var port : listenPorts) {
      for (var cidr : openTo(group, port)) {
        if (!Cidrs.isIpv6(cidr) || ipAddressType == IpAddressType.DUALSTACK) {
          rules.add(new SecurityGroupSpec.Rule("tcp", port, port, cidr));
        }
      }
    }
    return new SecurityGroupSpec(
        RESOURCE_ID,
        AlbNames.securityGroup(group, context.clusterName()),
        "[k8s] Managed SecurityGroup for LoadBalancer",
        context.vpcId(),
        rules,
        AlbTags.withResource(commonTags, RESOURCE_ID));
  }

  private static Set<String> openTo(IngressGroup group, int port) {
    Set<String> merged = null;
    String provider = null;
    for (var member : group.members()) {
      var ingress = member.ingress();
      if (!member.settings().listenPorts().containsKey(port)) {
        continue;
      }
      var cidrs = member.settings().inboundCidrs();
      if (cidrs.isEmpty()) {
        continue;
      }
      if (merged == null) {
        merged = cidrs;
        provider = GroupAnnotations.key(ingress);
      } else if (!merged.equals(cidrs)) {
        throw new InvalidAnnotationException(
            INBOUND_CIDRS,
            "conflicting ranges for port "
                + port
                + ": "
                + provider
                + " asks for "
                + merged
                + ", "
                + GroupAnnotations.key(ingress)
                + " for "
                + cidrs);
      }
    }
    return merged == null ? new TreeSet<>(Set.of("0.0.0.0/0", "::/0")) : merged;
  }
}
