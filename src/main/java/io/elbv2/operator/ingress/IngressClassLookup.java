package io.elbv2.operator.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's IngressClasses, from the controller's informer once it runs. The framework starts
 * the Ingress informer first, and its event filter already asks which Ingresses are of the {@code
 * alb} class while the IngressClass informer is still starting: those first answers come from the
 * API server, so that no Ingress of a restarted operator is left out.
 */
final class IngressClassLookup {

  private final InformerEventSource<IngressClass, Ingress> informer;
  private final KubernetesClient client;

  IngressClassLookup(InformerEventSource<IngressClass, Ingress> informer, KubernetesClient client) {
    this.informer = informer;
    this.client = client;
  }

  Optional<IngressClass> get(String name) {
    if (informer.isRunning()) {
      return informer.get(new ResourceID(name));
    }
    return Optional.ofNullable(client.network().v1().ingressClasses().withName(name).get());
  }

  List<IngressClass> all() {
    if (informer.isRunning()) {
      return informer.list(ingressClass -> true).toList();
    }
    return client.network().v1().ingressClasses().list().getItems();
  }
}
