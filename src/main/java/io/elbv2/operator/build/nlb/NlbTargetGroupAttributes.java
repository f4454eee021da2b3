package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.PORT_TARGET_GROUP_ATTRIBUTES;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.PROXY_PROTOCOL;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.PROXY_PROTOCOL_PER_TARGET_GROUP;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.TARGET_GROUP_ATTRIBUTES;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.InvalidAnnotationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The attributes of a port's target group: the target group attributes annotation, then its port's
 * own ({@code ...attributes.<port>}, where an empty value keeps the other), then proxy protocol:
 * per target group, then for all.
 */
final class NlbTargetGroupAttributes {

  private static final Set<String> GO_BOOLEANS =
      Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");
  private static final String PRESERVE_CLIENT_IP = "preserve_client_ip.enabled";

  private NlbTargetGroupAttributes() {}

  static Map<String, String> of(Annotations annotations, int port) {
    var attributes = new LinkedHashMap<>(checked(annotations, TARGET_GROUP_ATTRIBUTES));
    checked(annotations, PORT_TARGET_GROUP_ATTRIBUTES + port)
        .forEach(
            (key, value) -> {
              if (!value.isEmpty()) {
                attributes.put(key, value);
              }
            });
    var perTargetGroup = annotations.list(PROXY_PROTOCOL_PER_TARGET_GROUP);
    if (annotations.string(PROXY_PROTOCOL_PER_TARGET_GROUP).isPresent()) {
      for (var listed : perTargetGroup) {
        if (!Annotations.isInteger(listed, 1, 65535)) {
          throw new InvalidAnnotationException(
              PROXY_PROTOCOL_PER_TARGET_GROUP,
              "invalid port number in proxy-protocol-per-target-group: " + listed);
        }
      }
      attributes.put(
          "proxy_protocol_v2.enabled",
          Boolean.toString(perTargetGroup.contains(Integer.toString(port))));
    }
    var proxy = annotations.string(PROXY_PROTOCOL);
    if (proxy.isPresent()) {
      if (!proxy.get().equals("*")) {
        throw new InvalidAnnotationException(PROXY_PROTOCOL, "'" + proxy.get() + "' is not '*'");
      }
      attributes.put("proxy_protocol_v2.enabled", "true");
    }
    return attributes;
  }

  /**
   * A target group attributes annotation, with {@value #PRESERVE_CLIENT_IP} parsed as the Go
   * controller parses it.
   */
  private static Map<String, String> checked(Annotations annotations, String annotation) {
    var attributes = annotations.keyValues(annotation);
    var preserve = attributes.get(PRESERVE_CLIENT_IP);
    if (preserve != null && !GO_BOOLEANS.contains(preserve)) {
      throw new InvalidAnnotationException(
          annotation, "failed to parse attribute " + PRESERVE_CLIENT_IP + "=" + preserve);
    }
    return attributes;
  }
}
