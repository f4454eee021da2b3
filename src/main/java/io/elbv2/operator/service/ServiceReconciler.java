package io.elbv2.operator.service;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.aws.AwsCallOrder;
import io.elbv2.operator.build.nlb.NlbModelBuilder;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.deploy.AwsLoadBalancer;
import io.elbv2.operator.deploy.AwsSecurityGroup;
import io.elbv2.operator.deploy.AwsTargetGroup;
import io.elbv2.operator.deploy.BindingsGone;
import io.elbv2.operator.deploy.CleanupWaits;
import io.elbv2.operator.deploy.StackDeployer;
import io.elbv2.operator.kubernetes.CachedObjects;
import io.elbv2.operator.kubernetes.EventRecorder;
import io.elbv2.operator.kubernetes.FailureBackoff;
import io.elbv2.operator.kubernetes.ReconcileSlots;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ModelBuildException;
import io.elbv2.operator.model.Stack;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Gives Services of type LoadBalancer that ask for this operator (see {@link ServiceSelection}) a
 * Network Load Balancer: annotations -> {@link NlbModelBuilder} -> the dependents below -> status
 * and events. It holds the finalizer {@value ServiceSelection#FINALIZER} while a Service is served,
 * so that what was made for it goes before the Service does, and releases it when the Service stops
 * asking.
 */
@ControllerConfiguration(
    name = ServiceReconciler.NAME,
    finalizerName = ServiceSelection.FINALIZER,
    // Annotations drive behaviour and their edits do not bump metadata.generation.
    generationAwareEventProcessing = false)
@Workflow(
    // The model is built first: a bad annotation must stop the Service before anything is made.
    explicitInvocation = true,
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(name = ServiceReconciler.SECURITY_GROUPS, type = ServiceSecurityGroups.class),
      @Dependent(name = ServiceReconciler.TARGET_GROUPS, type = ServiceTargetGroups.class),
      @Dependent(
          name = ServiceReconciler.LOAD_BALANCER,
          type = ServiceLoadBalancer.class,
          dependsOn = ServiceReconciler.SECURITY_GROUPS),
      @Dependent(
          name = ServiceReconciler.LISTENERS,
          type = ServiceListeners.class,
          dependsOn = {ServiceReconciler.LOAD_BALANCER, ServiceReconciler.TARGET_GROUPS}),
      // Targets are registered only once the load balancer serves them: a listener AWS refused
      // (a missing certificate) leaves the targets alone and the Service with a warning.
      @Dependent(
          name = "service-bindings",
          type = ServiceBindings.class,
          dependsOn = {ServiceReconciler.LISTENERS, ServiceReconciler.SECURITY_GROUPS},
          deletePostcondition = BindingsGone.class)
    })
public class ServiceReconciler implements ConfigurableReconciler<Service>, Cleaner<Service> {

  public static final String NAME = "service";
  static final String SECURITY_GROUPS = "service-security-groups";
  static final String TARGET_GROUPS = "service-target-groups";
  static final String LOAD_BALANCER = "service-load-balancer";
  static final String LISTENERS = "service-listeners";
  private static final Logger LOG = Logger.getLogger(ServiceReconciler.class);

  private final ServiceSelection selection;
  private final NlbContexts contexts;
  private final EventRecorder events;
  private final StackDeployer deployer;
  private final ReconcileSlots slots;
  private final AwsCallOrder callOrder;
  private final Duration backoffCap;

  ServiceReconciler(
      OperatorSettings settings,
      NlbContexts contexts,
      EventRecorder events,
      StackDeployer deployer,
      AwsCallOrder callOrder) {
    this.callOrder = callOrder;
    this.selection = ServiceSelection.of(settings);
    this.contexts = contexts;
    this.events = events;
    this.deployer = deployer;
    this.slots = new ReconcileSlots(settings.serviceMaxConcurrentCreations());
    this.backoffCap = settings.serviceMaxExponentialBackoffDelay();
  }

  @Override
  public void updateConfigurationFrom(ControllerConfigurationOverrider<Service> overrider) {
    // Without this filter the framework would put its finalizer on every Service in the cluster.
    overrider.withGenericFilter(selection::concerns);
    overrider.withItemStore(CachedObjects.trimmed());
    // A Service refused at model-build time is let go without the finalizer; writing that (and its
    // status) must not bring it back, or the framework would put the finalizer on again.
    overrider.withOnUpdateFilter(ServiceSelection::changedForUs);
    // A few minutes of AWS trouble must not leave a Service without its load balancer until it
    // changes: failures are tried again until they pass, and no Service waits longer than the cap.
    overrider.withRetry(FailureBackoff.retry(backoffCap));
    overrider.withReconciliationMaxInterval(backoffCap);
  }

  /**
   * A Service still waiting for its load balancer takes a turn among {@link #slots}; one served
   * already, whose reconciliation mostly finds everything in place, does not wait behind them.
   */
  @Override
  public UpdateControl<Service> reconcile(Service service, Context<Service> context) {
    return LoadBalancerStatus.hasHostname(service)
        ? serve(service, context)
        : slots.run(() -> serve(service, context));
  }

  /** The AWS calls of Services whose reconciliation began first go first. */
  private UpdateControl<Service> serve(Service service, Context<Service> context) {
    var began = System.nanoTime();
    try (var turn = callOrder.enter(began)) {
      return serve(service, context, began);
    }
  }

  private UpdateControl<Service> serve(Service service, Context<Service> context, long began) {
    if (!selection.concerns(service)) {
      // Reached through a secondary object (a binding or load balancer) of a Service not ours.
      return UpdateControl.noUpdate();
    }
    if (!selection.wantsLoadBalancer(service)) {
      var again = removeEverything(service, context);
      if (again.isPresent()) {
        return UpdateControl.<Service>noUpdate().rescheduleAfter(again.get());
      }
      dropFinalizer(service, context);
      return UpdateControl.noUpdate();
    }
    Stack stack;
    try {
      var existing =
          context.getSecondaryResources(AwsLoadBalancer.class).stream()
              .findFirst()
              .map(AwsLoadBalancer::spec);
      var nlbContext = contexts.context();
      stack = NlbModelBuilder.build(service, nlbContext, existing);
      NlbModelBuilder.warnings(service, nlbContext)
          .forEach(warning -> events.warning(service, "NotServed", warning));
    } catch (InvalidAnnotationException e) {
      events.warning(service, "FailedBuildModel", "Failed build model due to " + e.getMessage());
      if (nothingMade(context)) {
        // The framework put the finalizer on before this first look; with nothing to clean up,
        // the Service stays free to go until something is made for it.
        release(
            service,
            context,
            current -> LoadBalancerStatus.failed(current, "FailedBuildModel", e.getMessage()));
        return UpdateControl.noUpdate();
      }
      return LoadBalancerStatus.failed(service, "FailedBuildModel", e.getMessage())
          ? UpdateControl.patchStatus(service)
          : UpdateControl.noUpdate();
    } catch (RuntimeException e) {
      // Not a bad value, so it may pass: reported as one is, nothing made or changed, and the
      // framework tries again.
      var message = ModelBuildException.describe(e);
      events.warning(service, "FailedBuildModel", "Failed build model due to " + message);
      try {
        writeStatus(
            service,
            context,
            current -> LoadBalancerStatus.failed(current, "FailedBuildModel", message));
      } catch (KubernetesClientException statusNotWritten) {
        e.addSuppressed(statusNotWritten);
      }
      throw e;
    }
    LOG.debugf(
        "service %s: model built, deploying after %d ms",
        stack.id(), (System.nanoTime() - began) / 1_000_000);
    var deployed = deployer.deploy(context, stack, began, subject(service));
    LOG.debugf(
        "service %s: deployed after %d ms", stack.id(), (System.nanoTime() - began) / 1_000_000);
    events.normal(service, "SuccessfullyReconciled", "Successfully reconciled");
    var control =
        LoadBalancerStatus.served(service, deployed.dnsName())
            ? UpdateControl.patchStatus(service)
            : UpdateControl.<Service>noUpdate();
    // What the Service no longer needs may still be in use: looked at again, less and less often.
    return deployed.lookAgain().map(control::rescheduleAfter).orElse(control);
  }

  @Override
  public DeleteControl cleanup(Service service, Context<Service> context) {
    if (!selection.concerns(service)) {
      // Reached through a secondary object; its finalizer, even under this operator's name, is
      // another controller's to remove.
      return DeleteControl.noFinalizerRemoval();
    }
    var again = removeEverything(service, context);
    return again.isEmpty()
        ? DeleteControl.defaultDelete()
        : DeleteControl.noFinalizerRemoval().rescheduleAfter(again.get());
  }

  /**
   * Removes, in the workflow's reverse order, the bindings (their finalizers deregister the
   * targets), the load balancer, the target groups and the security group. What AWS refuses to
   * delete while something still uses it (a load balancer being deleted, or something made outside
   * the operator) is tried again, less and less often, and named in a warning once that has lasted.
   *
   * @return when to look again, or empty once everything is gone
   */
  private Optional<Duration> removeEverything(Service service, Context<Service> context) {
    var made = !nothingMade(context) || LoadBalancerStatus.hasHostname(service);
    var again = deployer.release(context, () -> othersServed(service, context), subject(service));
    if (again.isEmpty() && made) {
      events.normal(
          service, "Released", "deleted the load balancer and target groups made for this Service");
    }
    return again;
  }

  /**
   * Whether another Service keeps the cluster's backend security group. Services going too are not
   * counted: each tries, and EC2 refuses until the last load balancer holding the group is gone.
   */
  private boolean othersServed(Service service, Context<Service> context) {
    return context
        .getPrimaryCache()
        .list(
            other ->
                other.getMetadata().getDeletionTimestamp() == null
                    && selection.wantsLoadBalancer(other)
                    && !sameObject(other, service))
        .findAny()
        .isPresent();
  }

  private StackDeployer.Subject subject(Service service) {
    return new StackDeployer.Subject(
        CleanupWaits.key(service),
        backoffCap,
        (reason, message) -> events.warning(service, reason, message));
  }

  private static boolean sameObject(Service a, Service b) {
    return a.getMetadata().getNamespace().equals(b.getMetadata().getNamespace())
        && a.getMetadata().getName().equals(b.getMetadata().getName());
  }

  /** Whether no AWS object or binding of the Service's stack is known. */
  private static boolean nothingMade(Context<Service> context) {
    return context.getSecondaryResources(AwsLoadBalancer.class).isEmpty()
        && context.getSecondaryResources(AwsTargetGroup.class).isEmpty()
        && context.getSecondaryResources(AwsSecurityGroup.class).isEmpty()
        && context.getSecondaryResources(TargetGroupBinding.class).isEmpty();
  }

  /** The Service no longer asks for a load balancer and nothing is left: let it go. */
  private void dropFinalizer(Service service, Context<Service> context) {
    release(service, context, LoadBalancerStatus::released);
  }

  /**
   * Writes the status change, if it changes anything, then removes the finalizer.
   *
   * @param statusChange changes a Service's status in memory and says whether it changed it
   */
  private static void release(
      Service service, Context<Service> context, Predicate<Service> statusChange) {
    writeStatus(service, context, statusChange);
    resource(service, context)
        .edit(
            current -> {
              var finalizers = new ArrayList<>(current.getMetadata().getFinalizers());
              finalizers.remove(ServiceSelection.FINALIZER);
              current.getMetadata().setFinalizers(finalizers);
              return current;
            });
  }

  /**
   * Writes the status change, if it changes anything.
   *
   * @param statusChange changes a Service's status in memory and says whether it changed it
   */
  private static void writeStatus(
      Service service, Context<Service> context, Predicate<Service> statusChange) {
    // Edits read the Service from the API server; the one in hand is left as it is.
    if (statusChange.test(new ServiceBuilder(service).build())) {
      resource(service, context)
          .editStatus(
              current -> {
                statusChange.test(current);
                return current;
              });
    }
  }

  private static Resource<Service> resource(Service service, Context<Service> context) {
    return context
        .getClient()
        .services()
        .inNamespace(service.getMetadata().getNamespace())
        .withName(service.getMetadata().getName());
  }
}
