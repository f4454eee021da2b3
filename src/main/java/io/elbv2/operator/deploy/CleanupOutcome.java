package io.elbv2.operator.deploy;

import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowCleanupResult;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a stack's cleanup workflow went, whether the framework returned its errors or threw them.
 *
 * @param errors what the dependents failed on
 * @param allGone whether everything is deleted (no error, and every deletion postcondition met)
 * @param thrown what the framework threw, to be thrown again as it is
 */
public record CleanupOutcome(
    Collection<Exception> errors, boolean allGone, RuntimeException thrown) {

  public static CleanupOutcome of(ManagedWorkflowAndDependentResourceContext workflow) {
    return of(workflow::cleanupManageWorkflow);
  }

  static CleanupOutcome of(Supplier<WorkflowCleanupResult> cleanup) {
    try {
      var result = cleanup.get();
      var errors = List.copyOf(result.getErroredDependents().values());
      return new CleanupOutcome(errors, errors.isEmpty() && result.allPostConditionsMet(), null);
    } catch (RuntimeException e) {
      return new CleanupOutcome(DeployErrors.failures(e), false, e);
    }
  }

  /**
   * Whether the only failures are deletions refused because a load balancer being deleted still
   * holds the object: they go on a try a moment later, with no warning.
   */
  public boolean onlyWaitingForALoadBalancer() {
    return errors.stream().allMatch(DeployErrors::stillHeldByALoadBalancer);
  }

  public RuntimeException failure() {
    return thrown != null
        ? thrown
        : new OperatorException(DeployErrors.firstError(errors), errors.iterator().next());
  }
}
