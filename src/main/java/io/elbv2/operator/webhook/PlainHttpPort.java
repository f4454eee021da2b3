package io.elbv2.operator.webhook;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The plain HTTP port ({@code quarkus.http.port}, 8080) serves the metrics and the health checks
 * and nothing else; the admission webhooks are served on the TLS port only, as the Go controller
 * serves its webhooks on 9443 with TLS and its metrics apart on 8080. Everything but metrics and
 * health is refused there with 404, so that no path variant and no webhook added later reaches an
 * admission endpoint without TLS.
 */
@Singleton
class PlainHttpPort {

  private final String metricsPath;
  private final String nonApplicationRoot;

  PlainHttpPort(
      @ConfigProperty(name = "quarkus.micrometer.export.prometheus.path", defaultValue = "metrics")
          String metricsPath,
      @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q")
          String nonApplicationRoot) {
    this.nonApplicationRoot = "/" + strip(nonApplicationRoot);
    this.metricsPath =
        metricsPath.startsWith("/")
            ? metricsPath
            : this.nonApplicationRoot + "/" + strip(metricsPath);
  }

  void register(@Observes Filters filters) {
    filters.register(this::filter, 1000);
  }

  private void filter(RoutingContext context) {
    if (context.request().isSSL() || serves(context.normalizedPath())) {
      context.next();
    } else {
      context.response().setStatusCode(404).end();
    }
  }

  /** Whether a request for {@code path} without TLS is answered. */
  boolean serves(String path) {
    return path.equals(metricsPath)
        || path.equals(nonApplicationRoot)
        || path.startsWith(nonApplicationRoot + "/");
  }

  private static String strip(String path) {
    var stripped = path;
    while (stripped.startsWith("/")) {
      stripped = stripped.substring(1);
    }
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }
}
