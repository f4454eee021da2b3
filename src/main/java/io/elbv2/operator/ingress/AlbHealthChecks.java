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
import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A target group's health check with the Go controller's ALB defaults: the target group's protocol
 * on the traffic port, every 15 s, timeout 5 s, thresholds 2/2, path {@code /} and success code
 * 200, or for GRPC path {@code /AWS.ALB/healthcheck} and gRPC code 12.
 */
final class AlbHealthChecks {

  static final int MAX_PATH_LENGTH = 1024;
  private static final Pattern CODE_RANGE = Pattern.compile("(\\d{1,3})(?:-(\\d{1,3}))?");

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
            annotations.raw(HC_PORT).orElse(HealthCheckPorts.TRAFFIC_PORT),
            targetType,
            HC_PORT);
    return new HealthCheckSpec(
        hcProtocol,
        port,
        path(annotations.string(HC_PATH).orElse(grpc ? "/AWS.ALB/healthcheck" : "/")),
        annotations.integer(HC_INTERVAL, 15, 5, 300),
        annotations.integer(HC_TIMEOUT, 5, 2, 120),
        annotations.integer(HC_HEALTHY, 2, 2, 10),
        annotations.integer(HC_UNHEALTHY, 2, 2, 10),
        successCodes(annotations.string(SUCCESS_CODES).orElse(grpc ? "12" : "200"), grpc));
  }

  private static String path(String path) {
    if (!path.startsWith("/") || path.length() > MAX_PATH_LENGTH) {
      throw new InvalidAnnotationException(
          HC_PATH,
          "'" + path + "' must start with / and have at most " + MAX_PATH_LENGTH + " characters");
    }
    return path;
  }

  /**
   * HTTP codes 200-499 or gRPC codes 0-99, each a code or a range, separated by commas: what the
   * ELBv2 API takes, checked here so that a bad value is reported before anything is made.
   */
  private static String successCodes(String codes, boolean grpc) {
    int min = grpc ? 0 : 200;
    int max = grpc ? 99 : 499;
    for (var item : codes.split(",", -1)) {
      if (!isCodeOrRange(item.trim(), min, max)) {
        throw new InvalidAnnotationException(
            SUCCESS_CODES,
            "'"
                + codes
                + "' must be "
                + (grpc ? "gRPC" : "HTTP")
                + " codes from "
                + min
                + " to "
                + max
                + ", ranges or lists of them, like "
                + (grpc ? "12, 0-99 or 0,12" : "200, 200-299 or 200,201"));
      }
    }
    return codes;
  }

  private static boolean isCodeOrRange(String item, int min, int max) {
    var range = CODE_RANGE.matcher(item);
    if (!range.matches()) {
      return false;
    }
    int low = Integer.parseInt(range.group(1));
    int high = range.group(2) == null ? low : Integer.parseInt(range.group(2));
    return min <= low && low <= high && high <= max;
  }
}
