package io.elbv2.operator.build;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.ServicePort;

/** The ports of a Service port's target group and targets, as the Go controller sets them. */
public final class TargetPorts {

  private TargetPorts() {}

  /**
   * The target group's port: the node port for instance targets; for ip targets the target port, or
   * 1 when it is named (the pods' port of that name is resolved per target, so the group's own port
   * is not used).
   *
   * @param annotation named in the error for instance targets of a port without a node port
   * @param noNodePort that error's text, in the words of the kind of stack
   */
  public static int of(ServicePort port, String targetType, String annotation, String noNodePort) {
    if (targetType.equals("instance")) {
      if (port.getNodePort() == null) {
        throw new InvalidAnnotationException(annotation, noNodePort);
      }
      return port.getNodePort();
    }
    var target = port.getTargetPort();
    if (target == null) {
      return port.getPort();
    }
    return target.getIntVal() != null ? target.getIntVal() : 1;
  }

  /**
   * The port the targets take traffic on: the target group's, but a named target port of ip targets
   * stays a name, the pods' port of that name, resolved per pod.
   */
  public static String traffic(ServicePort port, String targetType, int targetPort) {
    var target = port.getTargetPort();
    return targetType.equals("ip") && target != null && target.getStrVal() != null
        ? target.getStrVal()
        : Integer.toString(targetPort);
  }
}
