package io.elbv2.operator.targetgroupbinding;

import java.util.Comparator;

/**
 * One target of a target group: a pod IP or an EC2 instance id, on a port.
 *
 * @param node the node the target lives on, when known (for security group look-up); not part of
 *     its identity
 * @param pod the name of the pod behind an ip target, when known (for its readiness gate); not part
 *     of its identity
 */
public record Target(String id, int port, String node, String pod) implements Comparable<Target> {

  private static final Comparator<Target> ORDER =
      Comparator.comparing(Target::id).thenComparingInt(Target::port);

  public static Target of(String id, int port) {
    return new Target(id, port, null, null);
  }

  /** {@code id:port}, the form the Go controller stores in its multi-cluster ConfigMaps. */
  public String identifier() {
    return id + ":" + port;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Target target && target.id.equals(id) && target.port == port;
  }

  @Override
  public int hashCode() {
    return identifier().hashCode();
  }

  @Override
  public int compareTo(Target other) {
    return ORDER.compare(this, other);
  }
}
