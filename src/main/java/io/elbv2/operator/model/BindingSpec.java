package io.elbv2.operator.model;

import java.util.List;
import java.util.Map;

/**
 * A TargetGroupBinding to create for a target group of the stack.
 *
 * @param targetGroup the {@link TargetGroupSpec#resourceId()} it binds
 * @param servicePort the Service port's number, or its name
 * @param ipAddressType {@code ipv4} or {@code ipv6}, as the target group's
 * @param allowedSources CIDR blocks or security groups the targets must accept traffic from
 * @param allowBackendSecurityGroup whether the targets must accept traffic from the cluster's
 *     shared backend security group, which every load balancer with security groups carries
 * @param trafficPorts the ports the targets take traffic on: the node port for instance targets,
 *     the Service's {@code targetPort} (a number or the pods' port name) for ip targets
 * @param healthCheckPort the port the load balancer checks the targets on
 * @param healthCheckSources CIDR blocks the targets must accept health checks from: the VPC's,
 *     where the load balancer's own addresses are, when it has no security group
 * @param nodeLabels only nodes with all these labels become targets (instance targets; empty: all)
 * @param multiClusterTargetGroup whether other clusters or sources register targets in the same
 *     group, so that only this cluster's targets are managed
 */
public record BindingSpec(
    String name,
    String namespace,
    String targetGroup,
    String targetType,
    String serviceName,
    String servicePort,
    String ipAddressType,
    List<String> allowedSources,
    boolean allowBackendSecurityGroup,
    List<OpenPort> trafficPorts,
    OpenPort healthCheckPort,
    List<String> healthCheckSources,
    Map<String, String> nodeLabels,
    boolean multiClusterTargetGroup) {

  public BindingSpec {
    allowedSources = List.copyOf(allowedSources);
    trafficPorts = List.copyOf(trafficPorts);
    healthCheckSources = List.copyOf(healthCheckSources);
    nodeLabels = Map.copyOf(nodeLabels);
  }

  /**
   * A port the targets' security group must open.
   *
   * @param port a number, or the name of the pods' port
   */
  public record OpenPort(String protocol, String port) {}
}
