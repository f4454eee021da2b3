package io.elbv2.operator.ingress;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The paths of one Ingress rule in the order their listener rules get priorities, and the ALB path
 * patterns of each, as the Go controller makes them: {@code Exact} paths first, then {@code Prefix}
 * paths longest first, then {@code ImplementationSpecific} ones (or of no type) as written. A
 * prefix {@code /foo} matches {@code /foo} and {@code /foo/*}; {@code /} matches {@code /*}.
 */
final class IngressPaths {

  private IngressPaths() {}

  static List<HTTPIngressPath> inRuleOrder(List<HTTPIngressPath> paths) {
    var exact = new ArrayList<HTTPIngressPath>();
    var prefix = new ArrayList<HTTPIngressPath>();
    var other = new ArrayList<HTTPIngressPath>();
    for (var path : paths) {
      switch (type(path)) {
        case "Exact" -> exact.add(path);
        case "Prefix" -> prefix.add(path);
        case "ImplementationSpecific" -> other.add(path);
        default ->
            throw new InvalidAnnotationException(
                "spec.rules[].http.paths[].pathType",
                "'" + path.getPathType() + "' of path " + path.getPath() + " is unknown");
      }
    }
    // Stable: prefixes of one length keep the order they were written in.
    prefix.sort(Comparator.comparingInt((HTTPIngressPath p) -> length(p)).reversed());
    var ordered = new ArrayList<HTTPIngressPath>(exact);
    ordered.addAll(prefix);
    ordered.addAll(other);
    return ordered;
  }

  /** The {@code path-pattern} values of a rule for the path; none for a path that is absent. */
  static List<String> patterns(HTTPIngressPath path) {
    var value = path.getPath();
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    return switch (type(path)) {
      case "Exact" -> List.of(withoutWildcards(value, "Exact"));
      case "Prefix" -> {
        if (value.equals("/")) {
          yield List.of("/*");
        }
        var trimmed = withoutWildcards(value, "Prefix");
        trimmed = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        yield List.of(trimmed, trimmed + "/*");
      }
      default -> List.of(value);
    };
  }

  private static String type(HTTPIngressPath path) {
    return path.getPathType() == null ? "ImplementationSpecific" : path.getPathType();
  }

  private static int length(HTTPIngressPath path) {
    return path.getPath() == null ? 0 : path.getPath().length();
  }

  private static String withoutWildcards(String path, String type) {
    if (path.contains("*") || path.contains("?")) {
      throw new InvalidAnnotationException(
          "spec.rules[].http.paths[].path",
          type + " path " + path + " may not hold the wildcards * or ?");
    }
    return path;
  }
}
