package io.elbv2.operator.model;

import java.util.List;

/**
 * A TargetGroupBinding to create for a target group of the stack.
 *
 * @param targetGroup the {@link TargetGroupSpec#resourceId()} it binds
 * @param allowedSources CIDR blocks or security groups the targets must accept traffic from
 * @param allowedStackSecurityGroups {@link SecurityGroupSpec#resourceId()}s of the stack's groups
 *     whose members the targets must accept traffic from (the load balancer's own group)
 */
public record BindingSpec(
    String name,
    String namespace,
    String targetGroup,
    String targetType,
    String serviceName,
    int servicePort,
    String ipAddressType,
    List<String> allowedSources,
    List<String> allowedStackSecurityGroups,
    String trafficProtocol) {

  public BindingSpec {
    allowedSources = List.copyOf(allowedSources);
    allowedStackSecurityGroups = List.copyOf(allowedStackSecurityGroups);
  }
}
