package io.elbv2.operator.ingress;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Optional;
import java.util.function.Function;

/** The settings of the one load balancer a group's members share. */
final class GroupAnnotations {

  private GroupAnnotations() {}

  /** A load balancer setting the members must agree on, as the Go controller requires. */
  static String agreed(
      IngressGroup group,
      String annotation,
      Function<IngressSettings, Optional<String>> setting,
      String fallback) {
    String found = null;
    for (var member : group.members()) {
      var asked = setting.apply(member.settings());
      if (asked.isEmpty()) {
        continue;
      }
      if (found != null && !found.equals(asked.get())) {
        throw new InvalidAnnotationException(
            annotation,
            "the group's Ingresses ask for both '" + found + "' and '" + asked.get() + "'");
      }
      found = asked.get();
    }
    return found == null ? fallback : found;
  }

  static String key(Ingress ingress) {
    return ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
  }
}
