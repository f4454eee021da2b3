package io.elbv2.operator.service;

import io.elbv2.operator.deploy.BindingSpecChanged;
import io.elbv2.operator.deploy.BindingsDependent;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import jakarta.inject.Singleton;

/**
 * The TargetGroupBindings that fill a Service's target groups; only bindings with the stack labels
 * are watched, and only for the changes that matter to the Service.
 */
@Singleton
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = BindingsDependent.SERVICE_STACK_NAME,
            onUpdateFilter = BindingSpecChanged.class))
public class ServiceBindings extends BindingsDependent<Service> {

  public ServiceBindings() {
    super(ServiceStacks.KIND);
  }
}
