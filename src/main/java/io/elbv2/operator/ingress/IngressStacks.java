package io.elbv2.operator.ingress;

import io.elbv2.operator.deploy.StackKind;
import io.elbv2.operator.model.OwnershipTags;

/**
 * An IngressGroup's stack is named after the group ({@code <group>}, or {@code <namespace>/<name>}
 * for an Ingress alone), as the Go controller names it; its AWS objects belong to the group's
 * leader.
 */
final class IngressStacks {

  private IngressStacks() {}

  static StackKind kind(IngressGroups groups) {
    return new StackKind(OwnershipTags.INGRESS, groups::leaderOf);
  }
}
