package io.elbv2.operator.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The finalizers an Ingress holds while its group's load balancer serves it, named as the Go
 * controller names them, so that an Ingress it served is taken over as it is: {@value #IMPLICIT}
 * for an Ingress alone, {@value #EXPLICIT_PREFIX}{@code <group>} for a member of an explicit group.
 */
final class GroupFinalizers {

  static final String IMPLICIT = "ingress.k8s.aws/resources";
  static final String EXPLICIT_PREFIX = "group.ingress.k8s.aws/";

  private GroupFinalizers() {}

  /** The finalizer a member of the group holds. */
  static String of(String groupId) {
    return groupId.contains("/") ? IMPLICIT : EXPLICIT_PREFIX + groupId;
  }

  /** The groups whose finalizer the Ingress holds: those it was served in. */
  static Set<String> heldBy(Ingress ingress) {
    var held = new LinkedHashSet<String>();
    var finalizers = ingress.getMetadata().getFinalizers();
    if (finalizers == null) {
      return held;
    }
    for (var finalizer : finalizers) {
      if (finalizer.equals(IMPLICIT)) {
        held.add(ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName());
      } else if (finalizer.startsWith(EXPLICIT_PREFIX)) {
        held.add(finalizer.substring(EXPLICIT_PREFIX.length()));
      }
    }
    return held;
  }
}
