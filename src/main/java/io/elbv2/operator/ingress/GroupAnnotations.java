package io.elbv2.operator.ingress;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Set;

/** Reads of the members' annotations, and the settings of the one load balancer they share. */
final class GroupAnnotations {

  private GroupAnnotations() {}

  static Annotations of(Ingress ingress) {
    return new Annotations(ingress.getMetadata().getAnnotations());
  }

  /** A load balancer setting the members must agree on, as the Go controller requires. */
  static String agreed(
      IngressGroup group, String annotation, Set<String> allowed, String fallback) {
    String found = null;
    for (var member : group.members()) {
      var annotations = of(member.ingress());
      if (annotations.string(annotation).isEmpty()) {
        continue;
      }
      var checked = annotations.oneOf(annotation, allowed, fallback);
      if (found != null && !found.equals(checked)) {
        throw new InvalidAnnotationException(
            annotation, "the group's Ingresses ask for both '" + found + "' and '" + checked + "'");
      }
      found = checked;
    }
    return found == null ? fallback : found;
  }

  static String key(Ingress ingress) {
    return ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
  }
}
