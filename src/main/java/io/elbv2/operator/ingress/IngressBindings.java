package io.elbv2.operator.ingress;

import io.elbv2.operator.deploy.BindingSpecChanged;
import io.elbv2.operator.deploy.BindingsDependent;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import jakarta.inject.Singleton;

/**
 * The TargetGroupBindings that fill an IngressGroup's target groups, labelled with the group's
 * stack as the Go controller labels them.
 */
@Singleton
@KubernetesDependent(informer = @Informer(onUpdateFilter = BindingSpecChanged.class))
public class IngressBindings extends BindingsDependent<Ingress> {

  IngressBindings(IngressGroups groups) {
    super(IngressStacks.kind(groups));
  }
}
