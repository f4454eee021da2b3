package io.elbv2.operator.service;

import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.kubernetes.EventRecorder;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import java.util.ArrayList;

/**
 * Serves Services of type LoadBalancer that ask for this operator (see {@link ServiceSelection}).
 * It holds the finalizer {@value ServiceSelection#FINALIZER} while a Service is served, so that
 * what is made for it is removed before the Service goes, and releases it when the Service stops
 * asking.
 */
@ControllerConfiguration(
    name = ServiceReconciler.NAME,
    finalizerName = ServiceSelection.FINALIZER,
    // Annotations drive behaviour and their edits do not bump metadata.generation.
    generationAwareEventProcessing = false)
public class ServiceReconciler implements ConfigurableReconciler<Service>, Cleaner<Service> {

  public static final String NAME = "service";

  private final ServiceSelection selection;
  private final EventRecorder events;

  ServiceReconciler(OperatorSettings settings, EventRecorder events) {
    this.selection = ServiceSelection.of(settings);
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
      release(service, context);
      return UpdateControl.noUpdate();
    }
    events.normal(
        service,
        "Managed",
        "elbv2-operator serves this Service; provisioning its Network Load Balancer is not implemented yet");
    return UpdateControl.noUpdate();
  }

  @Override
  public DeleteControl cleanup(Service service, Context<Service> context) {
    events.normal(
        service,
        "Released",
        "elbv2-operator released the Service; it had made no AWS resources for it");
    return DeleteControl.defaultDelete();
  }

  /**
   * The Service no longer asks for a load balancer (type or class changed): clean up and drop the
   * finalizer.
   */
  private void release(Service service, Context<Service> context) {
    cleanup(service, context);
    context
        .getClient()
        .resource(service)
        .edit(
            current -> {
              var finalizers = new ArrayList<>(current.getMetadata().getFinalizers());
              finalizers.remove(ServiceSelection.FINALIZER);
              current.getMetadata().setFinalizers(finalizers);
              return current;
            });
  }
}
