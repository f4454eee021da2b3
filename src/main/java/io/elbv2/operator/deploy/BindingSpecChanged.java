package io.elbv2.operator.deploy;

import io.elbv2.operator.api.TargetGroupBinding;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Lets through only the binding updates a stack cares about: its spec, labels or deletion. The
 * TargetGroupBinding controller writes status and checkpoints on every resync, which must not
 * reconcile the stack's load balancer each time.
 */
public class BindingSpecChanged implements OnUpdateFilter<TargetGroupBinding> {

  @Override
  public boolean accept(TargetGroupBinding updated, TargetGroupBinding old) {
    var now = updated.getMetadata();
    var before = old.getMetadata();
    return !Objects.equals(now.getGeneration(), before.getGeneration())
        || !Objects.equals(now.getDeletionTimestamp(), before.getDeletionTimestamp())
        || !Objects.equals(now.getLabels(), before.getLabels());
  }
}
