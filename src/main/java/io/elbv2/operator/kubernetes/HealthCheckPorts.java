package io.elbv2.operator.kubernetes;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Optional;

/**
 * A health check port as the Go controller reads one: {@value #TRAFFIC_PORT}, a number, or the name
 * of a Service port, which becomes its node port for instance targets and its (numeric) target port
 * for ip targets.
 */
public final class HealthCheckPorts {

  public static final String TRAFFIC_PORT = "traffic-port";

  private HealthCheckPorts() {}

  /**
   * @param value the annotation's value, even empty, or the default
   * @param annotation named in errors
   */
  public static String resolve(
      Service service, String value, String targetType, String annotation) {
    if (value.equals(TRAFFIC_PORT)) {
      return value;
    }
    // A port name has a letter in it, so anything like a number is one, or out of range.
    if (Annotations.isInteger(value)) {
      return Integer.toString(Annotations.integer(annotation, value, 1, 65535));
    }
    var named =
        Optional.ofNullable(service.getSpec().getPorts()).orElse(List.of()).stream()
            .filter(port -> value.equals(port.getName()))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidAnnotationException(
                        annotation,
                        "'"
                            + value
                            + "' is not traffic-port, a port number or the name of a port of"
                            + " Service "
                            + service.getMetadata().getName()));
    if (targetType.equals("instance")) {
      if (named.getNodePort() == null) {
        throw new InvalidAnnotationException(
            annotation, "port '" + value + "' has no node port yet, which instance targets need");
      }
      return Integer.toString(named.getNodePort());
    }
    var target = named.getTargetPort();
    if (target != null && target.getStrVal() != null) {
      throw new InvalidAnnotationException(
          annotation,
          "port '"
              + value
              + "' has the named target port '"
              + target.getStrVal()
              + "', which ip targets cannot check by name; give a number");
    }
    return Integer.toString(
        target != null && target.getIntVal() != null ? target.getIntVal() : named.getPort());
  }
}
