package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.HC_HEALTHY;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.HC_INTERVAL;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.HC_PATH;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.HC_PORT;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.HC_PROTOCOL;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.HC_SUCCESS_CODES;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.HC_TIMEOUT;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.HC_UNHEALTHY;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.kubernetes.HealthCheckPorts;
import io.elbv2.operator.model.HealthCheckSpec;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Set;

/**
 * The health check of a Service's target groups, with the Go controller's defaults: TCP on the
 * traffic port every 10 s, or, for instance targets of a Service with {@code externalTrafficPolicy:
 * Local}, HTTP {@code /healthz} on its {@code healthCheckNodePort}, where kube-proxy answers
 * whether the node has a ready pod. Annotations override each value.
 */
final class NlbHealthChecks {

  static final String TRAFFIC_PORT = HealthCheckPorts.TRAFFIC_PORT;

  private record Defaults(
      String protocol,
      String port,
      String path,
      int interval,
      int timeout,
      int healthyThreshold,
      int unhealthyThreshold) {}

  private static final Defaults CLUSTER = new Defaults("TCP", TRAFFIC_PORT, "/", 10, 10, 3, 3);

  private NlbHealthChecks() {}

  static HealthCheckSpec of(Service service, Annotations annotations, String targetType) {
    var defaults = defaults(service, targetType);
    var protocol =
        annotations
            .oneOf(
                HC_PROTOCOL,
                Set.of("tcp", "http", "https", "TCP", "HTTP", "HTTPS"),
                defaults.protocol())
            .toUpperCase();
    var port = port(service, annotations, targetType, defaults.port());
    boolean http = !protocol.equals("TCP");
    return new HealthCheckSpec(
        protocol,
        port,
        http ? annotations.string(HC_PATH).orElse(defaults.path()) : null,
        annotations.integer(HC_INTERVAL, defaults.interval(), 5, 300),
        annotations.integer(HC_TIMEOUT, defaults.timeout(), 2, 120),
        annotations.integer(HC_HEALTHY, defaults.healthyThreshold(), 2, 10),
        annotations.integer(HC_UNHEALTHY, defaults.unhealthyThreshold(), 2, 10),
        http ? annotations.string(HC_SUCCESS_CODES).orElse("200-399") : null);
  }

  private static Defaults defaults(Service service, String targetType) {
    var spec = service.getSpec();
    boolean local =
        targetType.equals("instance")
            && "Local".equals(spec.getExternalTrafficPolicy())
            && "LoadBalancer".equals(spec.getType());
    if (!local) {
      return CLUSTER;
    }
    if (spec.getHealthCheckNodePort() == null || spec.getHealthCheckNodePort() == 0) {
      throw new InvalidAnnotationException(
          "spec.healthCheckNodePort",
          "externalTrafficPolicy Local with instance targets checks the nodes on it, and it is not"
              + " allocated yet");
    }
    return new Defaults(
        "HTTP", Integer.toString(spec.getHealthCheckNodePort()), "/healthz", 10, 6, 2, 2);
  }

  /**
   * {@code traffic-port}, a number, or the name of a Service port: its node port for instance
   * targets, its target port for ip targets.
   */
  private static String port(
      Service service, Annotations annotations, String targetType, String fallback) {
    var value = annotations.raw(HC_PORT).orElse(fallback);
    return HealthCheckPorts.resolve(service, value, targetType, HC_PORT);
  }
}
