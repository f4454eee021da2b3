package io.elbv2.operator.deploy;

import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowCleanupResult;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
   * Whether the only failures are deletions refused while something still uses the object: they are
   * tried again later, and said in a warning once they have waited a while.
   */
  public boolean onlyWaiting() {
    return errors.stream().allMatch(DeployErrors::stillInUse);
  }

  /**
   * What the cleanup waits for: each refused deletion with the objects of that kind still in AWS
   * and AWS's own words, e.g. {@code target group arn:…: ResourceInUse: The target group '…' is
   * currently in use by a listener or a rule}; with no refusal, what is still being deleted.
   */
  public String waitingFor(StillThere stillThere) {
    if (errors.isEmpty()) {
      if (!stillThere.bindings().isEmpty()) {
        return "TargetGroupBinding " + String.join(", ", stillThere.bindings()) + " being deleted";
      }
      if (!stillThere.loadBalancers().isEmpty()) {
        return "load balancer " + String.join(", ", stillThere.loadBalancers()) + " being deleted";
      }
      return "deletions in progress";
    }
    return errors.stream()
        .map(e -> named(e, stillThere) + DeployErrors.describe(e))
        .distinct()
        .collect(Collectors.joining("; "));
  }

  private static String named(Exception e, StillThere stillThere) {
    if (DeployErrors.isResourceInUse(e) && !stillThere.targetGroups().isEmpty()) {
      return "target group " + String.join(", ", stillThere.targetGroups()) + ": ";
    }
    if (SecurityGroupsDependent.isDependencyViolation(e)
        && !stillThere.securityGroups().isEmpty()) {
      return "security group " + String.join(", ", stillThere.securityGroups()) + ": ";
    }
    return "";
  }

  public RuntimeException failure() {
    return thrown != null
        ? thrown
        : new OperatorException(DeployErrors.firstError(errors), errors.iterator().next());
  }
}
