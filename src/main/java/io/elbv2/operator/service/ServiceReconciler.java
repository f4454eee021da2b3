package io.elbv2.operator.service;

import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.deploy.BindingDeployer;
import io.elbv2.operator.deploy.StackDeployer;
import io.elbv2.operator.kubernetes.EventRecorder;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.OwnershipTags;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;

/**
 * Gives Services of type LoadBalancer that ask for this operator (see {@link ServiceSelection}) a
 * Network Load Balancer: annotations -> {@link NlbModelBuilder} -> {@link StackDeployer} and {@link
 * BindingDeployer} -> status and events. It holds the finalizer {@value ServiceSelection#FINALIZER}
 * while a Service is served, so that what was made for it goes before the Service does, and
 * releases it when the Service stops asking.
 */
@ControllerConfiguration(
    name = ServiceReconciler.NAME,
    finalizerName = ServiceSelection.FINALIZER,
    // Annotations drive behaviour and their edits do not bump metadata.generation.
    generationAwareEventProcessing = false)
public class ServiceReconciler implements ConfigurableReconciler<Service>, Cleaner<Service> {

  public static final String NAME = "service";
  private static final long CLEANUP_POLL_MILLIS = 2000;

  private final ServiceSelection selection;
  private final OperatorSettings settings;
  private final NlbContexts contexts;
  private final StackDeployer stacks;
  private final BindingDeployer bindings;
  private final EventRecorder events;

  ServiceReconciler(
      OperatorSettings settings,
      NlbContexts contexts,
      StackDeployer stacks,
      BindingDeployer bindings,
      EventRecorder events) {
    this.selection = ServiceSelection.of(settings);
    this.settings = settings;
    this.contexts = contexts;
    this.stacks = stacks;
    this.bindings = bindings;
    this.events = events;
  }

  @Override
  public void updateConfigurationFrom(ControllerConfigurationOverrider<Service> overrider) {
    // Without this filter the framework would put its finalizer on every Service in the cluster.
    overrider.withGenericFilter(selection::concerns);
  }

  @Override
  public UpdateControl<Service> reconcile(Service service, Context<Service> context) {
    if (!selection.wantsLoadBalancer(service)) {
      if (!removeEverything(service)) {
        return UpdateControl.<Service>noUpdate().rescheduleAfter(CLEANUP_POLL_MILLIS);
      }
      dropFinalizer(service, context);
      return UpdateControl.noUpdate();
    }
    var meta = service.getMetadata();
    io.elbv2.operator.model.Stack stack;
    try {
      stack = NlbModelBuilder.build(service, contexts.context());
    } catch (InvalidAnnotationException e) {
      events.warning(service, "FailedBuildModel", "Failed build model due to " + e.getMessage());
      return UpdateControl.noUpdate();
    }
    StackDeployer.Deployed deployed;
    try {
      deployed =
          stacks.deploy(stack, settings.clusterName(), OwnershipTags.SERVICE, contexts.vpcId());
      bindings.apply(stack, deployed.targetGroupArns(), meta.getNamespace(), meta.getName());
    } catch (AwsServiceException e) {
      events.warning(service, "FailedDeployModel", "Failed deploy model due to " + e.getMessage());
      throw e;
    }
    events.normal(service, "SuccessfullyReconciled", "Successfully reconciled");
    return withHostname(service, deployed.dnsName());
  }

  @Override
  public DeleteControl cleanup(Service service, Context<Service> context) {
    return removeEverything(service)
        ? DeleteControl.defaultDelete()
        : DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_POLL_MILLIS);
  }

  /**
   * Removes, in order, the bindings (their finalizers deregister the targets), the load balancer
   * and the target groups. Returns whether all are gone.
   */
  private boolean removeEverything(Service service) {
    var meta = service.getMetadata();
    if (bindings.delete(meta.getNamespace(), meta.getName()) > 0) {
      return false;
    }
    try {
      stacks.delete(
          meta.getNamespace() + "/" + meta.getName(),
          settings.clusterName(),
          OwnershipTags.SERVICE);
    } catch (ResourceInUseException stillReleasing) {
      return false;
    }
    events.normal(
        service, "Released", "deleted the load balancer and target groups made for this Service");
    return true;
  }

  private UpdateControl<Service> withHostname(Service service, String hostname) {
    var ingress =
        service.getStatus() == null || service.getStatus().getLoadBalancer() == null
            ? List.<LoadBalancerIngress>of()
            : service.getStatus().getLoadBalancer().getIngress();
    if (ingress != null
        && ingress.size() == 1
        && Objects.equals(ingress.get(0).getHostname(), hostname)) {
      return UpdateControl.noUpdate();
    }
    service.setStatus(
        new ServiceStatusBuilder()
            .withLoadBalancer(
                new LoadBalancerStatusBuilder()
                    .addNewIngress()
                    .withHostname(hostname)
                    .endIngress()
                    .build())
            .build());
    return UpdateControl.patchStatus(service);
  }

  /** The Service no longer asks for a load balancer and nothing is left: let it go. */
  private void dropFinalizer(Service service, Context<Service> context) {
    var resource = context.getClient().resource(service);
    if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null) {
      resource.editStatus(
          current -> {
            current.getStatus().setLoadBalancer(null);
            return current;
          });
    }
    resource.edit(
        current -> {
          var finalizers = new ArrayList<>(current.getMetadata().getFinalizers());
          finalizers.remove(ServiceSelection.FINALIZER);
          current.getMetadata().setFinalizers(finalizers);
          return current;
        });
  }
}
