package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.HC_HEALTHY;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_INTERVAL;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_PATH;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_PORT;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_PROTOCOL;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_TIMEOUT;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_UNHEALTHY;
import static io.elbv2.operator.ingress.AlbAnnotations.SUCCESS_CODES;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.kubernetes.HealthCheckPorts;
import io.elbv2.operator.model.HealthCheckSpec;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Set;

/**
 * A target group's health check with the Go controller's ALB defaults: the target group's protocol
 * on the traffic port, every 15 s, timeout 5 s, thresholds 2/2, path {@code /} and success code
 * 200, or for GRPC path {@code /AWS.ALB/healthcheck} and gRPC code 12.
 */
final class AlbHealthChecks {

  private AlbHealthChecks() {}

  static HealthCheckSpec build(
      Annotations annotations,
      String protocol,
      String version,
      Service service,
      String targetType) {
    boolean grpc = version.equals("GRPC");
    var hcProtocol = annotations.oneOf(HC_PROTOCOL, Set.of("HTTP", "HTTPS"), protocol);
    var port =
        HealthCheckPorts.resolve(
            service,
            annotations.string(HC_PORT).orElse(HealthCheckPorts.TRAFFIC_PORT),
            targetType,
            annotations,
            HC_PORT);
    return new HealthCheckSpec(
        hcProtocol,
        port,
        annotations.string(HC_PATH).orElse(grpc ? "/AWS.ALB/healthcheck" : "/"),
        annotations.integer(HC_INTERVAL, 15, 5, 300),
        annotations.integer(HC_TIMEOUT, 5, 2, 120),
        annotations.integer(HC_HEALTHY, 2, 2, 10),
        annotations.integer(HC_UNHEALTHY, 2, 2, 10),
        annotations.string(SUCCESS_CODES).orElse(grpc ? "12" : "200"));
  }
}
