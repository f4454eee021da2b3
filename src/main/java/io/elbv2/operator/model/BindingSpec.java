package io.elbv2.operator.model;

import java.util.List;

/**
 * A TargetGroupBinding to create for a target group of the stack.
 *
 * @param targetGroup the {@link TargetGroupSpec#resourceId()} it binds
 * @param allowedSources CIDR blocks or security groups the targets must accept traffic from
 * @param allowBackendSecurityGroup whether the targets must accept traffic from the cluster's
 *     shared backend security group, which every load balancer with security groups carries
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
    boolean allowBackendSecurityGroup,
    String trafficProtocol) {

  public BindingSpec {
    allowedSources = List.copyOf(allowedSources);
  }
}
