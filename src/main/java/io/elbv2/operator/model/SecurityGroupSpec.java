package io.elbv2.operator.model;

import java.util.List;
import java.util.Map;

/**
 * A security group the stack manages, such as the one in front of a Network Load Balancer that
 * admits the Service's source ranges on its listener ports.
 *
 * @param resourceId its identity inside the stack (the resource tag), e.g. {@code
 *     ManagedLBSecurityGroup}
 */
public record SecurityGroupSpec(
    String resourceId,
    String name,
    String description,
    String vpcId,
    List<Rule> ingress,
    Map<String, String> tags) {

  public SecurityGroupSpec {
    ingress = List.copyOf(ingress);
    tags = Map.copyOf(tags);
  }

  /**
   * One inbound rule: a protocol ({@code tcp}, {@code udp}), a port range and an IPv4 or IPv6 CIDR.
   */
  public record Rule(String protocol, int fromPort, int toPort, String cidr) {}
}
