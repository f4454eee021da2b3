package io.elbv2.operator.targetgroupbinding;

/**
 * One security group ingress rule: a protocol and port range from a CIDR block or from another
 * security group.
 *
 * @param protocol {@code tcp} or {@code udp}
 * @param source a CIDR block or a security group id ({@code sg-...})
 */
public record Permission(String protocol, int fromPort, int toPort, String source)
    implements Comparable<Permission> {

  public boolean fromSecurityGroup() {
    return source.startsWith("sg-");
  }

  public boolean ipv6() {
    return source.contains(":");
  }

  /** Whether this rule already admits everything {@code other} would. */
  public boolean covers(Permission other) {
    return protocol.equals(other.protocol)
        && source.equals(other.source)
        && fromPort <= other.fromPort
        && toPort >= other.toPort;
  }

  @Override
  public int compareTo(Permission other) {
    return toString().compareTo(other.toString());
  }
}
