package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.DISABLE_NLB_SG;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.MANAGE_BACKEND_RULES;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.SECURITY_GROUPS;

import io.elbv2.operator.build.Lookups;
import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.SecurityGroupSpec;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the NLB's security groups come from, as the Go controller decides it, and so how its
 * targets admit traffic.
 *
 * @param named the groups of {@value ServiceAnnotations#SECURITY_GROUPS}, resolved to ids
 */
record NlbSecurityGroups(Mode mode, List<String> named) {

  enum Mode {
    /** None: the targets' groups admit the source ranges (gate off, or an NLB made without). */
    NONE,
    /** The groups of {@value ServiceAnnotations#SECURITY_GROUPS}. */
    NAMED,
    /**
     * One group of the stack's own, admitting the source ranges on the listener ports, and the
     * cluster's backend group, which the targets admit.
     */
    MANAGED
  }

  /**
   * What the targets' bindings admit, and the group the stack makes, if any.
   *
   * @param sources ranges the targets' groups admit on the traffic ports
   * @param backendSecurityGroup whether the targets admit the cluster's backend group
   * @param healthCheckSources ranges the targets' groups admit on the health check port
   */
  record Access(
      List<SecurityGroupSpec> managed,
      List<String> sources,
      boolean backendSecurityGroup,
      List<String> healthCheckSources) {}

  /**
   * @param existing the stack's load balancer as AWS has it: one made without a security group
   *     cannot get one, so it keeps opening the targets' groups to the source ranges
   */
  static NlbSecurityGroups of(
      Annotations annotations, NlbContext context, Optional<LoadBalancerSpec> existing) {
    var mode = mode(annotations, context, existing);
    var named =
        mode == Mode.NAMED
            ? Lookups.named(
                SECURITY_GROUPS,
                () -> context.securityGroups().resolve(annotations.list(SECURITY_GROUPS)))
            : List.<String>of();
    return new NlbSecurityGroups(mode, named);
  }

  private static Mode mode(
      Annotations annotations, NlbContext context, Optional<LoadBalancerSpec> existing) {
    var disabled = annotations.bool(DISABLE_NLB_SG).orElse(false);
    if (existing.map(lb -> lb.securityGroups().isEmpty()).orElse(false)) {
      return Mode.NONE;
    }
    if (disabled || !context.nlbSecurityGroups()) {
      if (existing.isPresent()) {
        throw new InvalidAnnotationException(
            disabled ? DISABLE_NLB_SG : "feature gate NLBSecurityGroup",
            "the load balancer has security groups, which AWS cannot remove from it; delete the"
                + " Service and create it again to have one without");
      }
      return Mode.NONE;
    }
    return annotations.list(SECURITY_GROUPS).isEmpty() ? Mode.MANAGED : Mode.NAMED;
  }

  Access access(
      Service service,
      Annotations annotations,
      NlbContext context,
      Scheme scheme,
      IpAddressType ipAddressType,
      Map<String, String> commonTags) {
    var manageBackendRules = annotations.bool(MANAGE_BACKEND_RULES).orElse(false);
    return switch (mode) {
      case MANAGED ->
          new Access(
              List.of(
                  NlbManagedSecurityGroup.build(
                      service, annotations, context, ipAddressType, commonTags)),
              List.of(),
              true,
              List.of());
      // Groups named by the user are theirs to open towards the targets unless they ask the
      // operator to, as with the Go controller: then the backend group joins them.
      case NAMED -> new Access(List.of(), List.of(), manageBackendRules, List.of());
      case NONE ->
          new Access(
              List.of(), sources(service, annotations, scheme, context), false, context.vpcCidrs());
    };
  }

  private static List<String> sources(
      Service service, Annotations annotations, Scheme scheme, NlbContext context) {
    var ranges = NlbSourceRanges.of(service, annotations).cidrs();
    if (!ranges.isEmpty()) {
      return ranges;
    }
    return scheme == Scheme.INTERNET_FACING ? List.of("0.0.0.0/0") : context.vpcCidrs();
  }
}
