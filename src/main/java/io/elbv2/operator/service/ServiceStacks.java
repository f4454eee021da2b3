package io.elbv2.operator.service;

import io.elbv2.operator.deploy.StackKind;
import io.elbv2.operator.model.OwnershipTags;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Optional;

/** A Service's stack is named {@code <namespace>/<name>}, as the Go controller names it. */
final class ServiceStacks {

  static final StackKind KIND = new StackKind(OwnershipTags.SERVICE, ServiceStacks::serviceOf);

  private ServiceStacks() {}

  static Optional<ResourceID> serviceOf(String stackId) {
    var slash = stackId.indexOf('/');
    if (slash <= 0 || slash == stackId.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new ResourceID(stackId.substring(slash + 1), stackId.substring(0, slash)));
  }
}
