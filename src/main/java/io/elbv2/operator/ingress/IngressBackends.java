package io.elbv2.operator.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import java.util.HashSet;
import java.util.Set;

/** The Services an Ingress sends traffic to, so that a change to one of them reaches its group. */
final class IngressBackends {

  private IngressBackends() {}

  /**
   * The names of the Services (in the Ingress's namespace) its default backend, rules and forward
   * actions name.
   */
  static Set<String> names(Ingress ingress) {
    var names = new HashSet<String>();
    var spec = ingress.getSpec();
    if (spec == null) {
      return names;
    }
    names.addAll(AnnotatedActions.services(ingress));
    add(names, spec.getDefaultBackend());
    if (spec.getRules() != null) {
      for (var rule : spec.getRules()) {
        if (rule.getHttp() != null && rule.getHttp().getPaths() != null) {
          rule.getHttp().getPaths().forEach(path -> add(names, path.getBackend()));
        }
      }
    }
    return names;
  }

  private static void add(Set<String> names, IngressBackend backend) {
    if (backend != null && backend.getService() != null && backend.getService().getName() != null) {
      names.add(backend.getService().getName());
    }
  }
}
