package io.elbv2.operator.deploy;

import io.elbv2.operator.aws.AwsCallOrder;
import io.elbv2.operator.discovery.ClusterNetwork;
import io.elbv2.operator.model.Stack;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one path by which every front end (a Service, an IngressGroup) deploys its stack through its
 * reconciler's workflow and removes it: the cluster's backend security group looked up or let go,
 * AWS's refusals turned into {@code FailedDeployModel} and {@code FailedCleanup} warnings on the
 * front end's objects, and deletions AWS refuses while something still uses the object looked at
 * again, less and less often, and named in a warning once that has lasted a minute.
 */
@Singleton
public class StackDeployer {

  private final BackendSecurityGroup backendSecurityGroup;
  private final ClusterNetwork network;
  private final CleanupWaits waits;
  private final AwsCallOrder callOrder;

  StackDeployer(
      BackendSecurityGroup backendSecurityGroup,
      ClusterNetwork network,
      CleanupWaits waits,
      AwsCallOrder callOrder) {
    this.backendSecurityGroup = backendSecurityGroup;
    this.network = network;
    this.waits = waits;
    this.callOrder = callOrder;
  }

  /**
   * What a stack is deployed or removed for.
   *
   * @param key names its waits (see {@link CleanupWaits})
   * @param backoffCap the longest a wait may grow to
   * @param warn records a warning (reason, message) on the objects concerned
   */
  public record Subject(String key, Duration backoffCap, BiConsumer<String, String> warn) {}

  /**
   * @param dnsName the load balancer's
   * @param lookAgain when to look again because something the stack no longer needs is still in
   *     use; empty when nothing waits
   */
  public record Deployed(String dnsName, Optional<Duration> lookAgain) {}

  /**
   * Deploys the stack; what fails is warned about and thrown, for the framework to try again.
   *
   * @param began when the reconciliation began, which orders its AWS calls among others'
   */
  public <P extends HasMetadata> Deployed deploy(
      Context<P> context, Stack stack, long began, Subject subject) {
    WorkflowReconcileResult result;
    try {
      var backendGroup =
          stack.backendSecurityGroup()
              ? Optional.of(backendSecurityGroup.id(network.vpcId()))
              : Optional.<String>empty();
      StackReconciliation.start(context, stack, backendGroup, callOrder, began);
      result = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    } catch (RuntimeException e) {
      // The workflow throws what its dependents threw rather than return it.
      failedDeploy(subject, DeployErrors.failures(e));
      throw e;
    }
    if (result.erroredDependentsExist()) {
      failedDeploy(subject, result.getErroredDependents().values());
      result.throwAggregateExceptionIfErrorsPresent();
    }
    var dnsName = StackReconciliation.loadBalancer(context).dnsName();
    if (StackReconciliation.deletionDeferred(context)) {
      return new Deployed(
          dnsName, Optional.of(waits.waiting(subject.key(), subject.backoffCap()).delay()));
    }
    waits.done(subject.key());
    return new Deployed(dnsName, Optional.empty());
  }

  /**
   * Removes, in the workflow's reverse order, everything made for the stack, then the cluster's
   * backend security group unless another stack still uses it.
   *
   * @param backendGroupUsedElsewhere whether another stack is served: asked once all is gone
   * @return when to look again, or empty once everything is gone
   */
  public <P extends HasMetadata> Optional<Duration> release(
      Context<P> context, BooleanSupplier backendGroupUsedElsewhere, Subject subject) {
    var cleanup = CleanupOutcome.of(context.managedWorkflowAndDependentResourceContext());
    if (!cleanup.onlyWaiting()) {
      subject
          .warn()
          .accept(
              "FailedCleanup",
              "Failed cleanup due to " + DeployErrors.firstError(cleanup.errors()));
      throw cleanup.failure();
    }
    if (!cleanup.allGone()) {
      return Optional.of(waitFor(subject, () -> cleanup.waitingFor(StillThere.in(context))));
    }
    var held =
        backendSecurityGroup.releaseUnlessUsed(
            network.vpcId(), backendGroupUsedElsewhere.getAsBoolean());
    if (held.isPresent()) {
      return Optional.of(waitFor(subject, held::get));
    }
    waits.done(subject.key());
    return Optional.empty();
  }

  /** One more look that found a deletion refused; after the first minute, says what blocks it. */
  private Duration waitFor(Subject subject, Supplier<String> blocker) {
    var step = waits.waiting(subject.key(), subject.backoffCap());
    if (step.warn()) {
      subject.warn().accept("FailedCleanup", "Failed cleanup due to " + blocker.get());
    }
    return step.delay();
  }

  private static void failedDeploy(Subject subject, Collection<Exception> errors) {
    subject
        .warn()
        .accept(
            "FailedDeployModel", "Failed deploy model due to " + DeployErrors.firstError(errors));
  }
}
