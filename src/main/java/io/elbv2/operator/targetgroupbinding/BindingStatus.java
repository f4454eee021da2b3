package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Builds a binding's status, keeping a condition's transition time while its state stays the same.
 */
final class BindingStatus {

  static final String READY = "Ready";

  private BindingStatus() {}

  static TargetGroupBindingStatus ready(TargetGroupBinding binding, String message) {
    return status(binding, "True", "Reconciled", message);
  }

  static TargetGroupBindingStatus notReady(
      TargetGroupBinding binding, String reason, String message) {
    return status(binding, "False", reason, message);
  }

  /** Whether writing {@code next} would change what the binding shows. */
  static boolean changes(TargetGroupBinding binding, TargetGroupBindingStatus next) {
    var current = binding.getStatus();
    if (current == null
        || !Objects.equals(current.observedGeneration(), next.observedGeneration())) {
      return true;
    }
    var was = readyCondition(current);
    var now = readyCondition(next);
    return was == null
        || !Objects.equals(was.getStatus(), now.getStatus())
        || !Objects.equals(was.getReason(), now.getReason())
        || !Objects.equals(was.getMessage(), now.getMessage());
  }

  private static TargetGroupBindingStatus status(
      TargetGroupBinding binding, String state, String reason, String message) {
    var previous = binding.getStatus() == null ? null : readyCondition(binding.getStatus());
    var since =
        previous != null && state.equals(previous.getStatus())
            ? previous.getLastTransitionTime()
            : Instant.now().toString();
    var condition =
        new ConditionBuilder()
            .withType(READY)
            .withStatus(state)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(binding.getMetadata().getGeneration())
            .withLastTransitionTime(since)
            .build();
    return new TargetGroupBindingStatus(binding.getMetadata().getGeneration(), List.of(condition));
  }

  static Condition readyCondition(TargetGroupBindingStatus status) {
    return status.conditions() == null
        ? null
        : status.conditions().stream()
            .filter(c -> READY.equals(c.getType()))
            .findFirst()
            .orElse(null);
  }
}
