package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.IP_ADDRESS_TYPE;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.ResourceNames;
import io.elbv2.operator.model.SecurityGroupSpec;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Map;

/**
 * The group in front of the NLB, as the Go controller's {@code model_build_managed_sg.go} opens it:
 * on each Service port to the {@link NlbSourceRanges}, or to everyone when there are none; IPv6
 * ranges need a dualstack NLB.
 */
final class NlbManagedSecurityGroup {

  static final String RESOURCE_ID = "ManagedLBSecurityGroup";

  private NlbManagedSecurityGroup() {}

  static SecurityGroupSpec build(
      Service service,
      Annotations annotations,
      NlbContext context,
      IpAddressType ipAddressType,
      Map<String, String> commonTags) {
    var meta = service.getMetadata();
    var ranges = NlbSourceRanges.of(service, annotations);
    var cidrs = new ArrayList<>(ranges.cidrs());
    for (var cidr : cidrs) {
      if (cidr.contains(":") && ipAddressType != IpAddressType.DUALSTACK) {
        throw new InvalidAnnotationException(
            ranges.source(), "IPv6 range " + cidr + " needs " + IP_ADDRESS_TYPE + ": dualstack");
      }
    }
    if (cidrs.isEmpty()) {
      cidrs.add("0.0.0.0/0");
      if (ipAddressType == IpAddressType.DUALSTACK) {
        cidrs.add("::/0");
      }
    }
    var rules = new ArrayList<SecurityGroupSpec.Rule>();
    for (var port : service.getSpec().getPorts()) {
      var protocol = port.getProtocol() == null ? "tcp" : port.getProtocol().toLowerCase();
      for (var cidr : cidrs) {
        rules.add(new SecurityGroupSpec.Rule(protocol, port.getPort(), port.getPort(), cidr));
      }
    }
    return new SecurityGroupSpec(
        RESOURCE_ID,
        ResourceNames.of(
            meta.getNamespace(),
            meta.getName(),
            context.clusterName(),
            meta.getName(),
            meta.getNamespace(),
            meta.getUid() == null ? "" : meta.getUid()),
        "[k8s] Managed SecurityGroup for LoadBalancer",
        context.vpcId(),
        rules,
        NlbTags.withResource(commonTags, RESOURCE_ID));
  }
}
