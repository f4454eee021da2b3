package io.elbv2.operator.deploy;

import io.elbv2.operator.api.TargetGroupBinding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Holds back the deletion of target groups until the stack's bindings are gone: their finalizers
 * deregister the targets and remove the security group rules first.
 */
public class BindingsGone implements Condition<TargetGroupBinding, HasMetadata> {

  @Override
  @SuppressWarnings("unchecked")
  public boolean isMet(
      DependentResource<TargetGroupBinding, HasMetadata> dependent,
      HasMetadata primary,
      Context<HasMetadata> context) {
    return ((BulkDependentResource<TargetGroupBinding, HasMetadata, ?>) dependent)
        .getSecondaryResources(primary, context)
        .isEmpty();
  }
}
