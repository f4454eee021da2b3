package io.elbv2.operator.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The writes the operator makes to a group's Ingresses: its finalizer and the load balancer's
 * hostname in the status. Each reads what it changes from the API server and writes only a change;
 * an Ingress deleted meanwhile is no error.
 */
final class IngressEdits {

  private final KubernetesClient client;

  IngressEdits(KubernetesClient client) {
    this.client = client;
  }

  void addFinalizer(Ingress ingress, String finalizer) {
    var finalizers = ingress.getMetadata().getFinalizers();
    if (finalizers != null && finalizers.contains(finalizer)) {
      return;
    }
    edit(
        ingress,
        current -> {
          var list = new ArrayList<>(current.getMetadata().getFinalizers());
          if (!list.contains(finalizer)) {
            list.add(finalizer);
          }
          current.getMetadata().setFinalizers(list);
        });
  }

  void removeFinalizer(Ingress ingress, String finalizer) {
    var finalizers = ingress.getMetadata().getFinalizers();
    if (finalizers == null || !finalizers.contains(finalizer)) {
      return;
    }
    edit(
        ingress,
        current -> {
          var list = new ArrayList<>(current.getMetadata().getFinalizers());
          list.remove(finalizer);
          current.getMetadata().setFinalizers(list);
        });
  }

  /** Sets {@code status.loadBalancer.ingress} to the hostname alone, or clears it (null). */
  void setHostname(Ingress ingress, String hostname) {
    if (Objects.equals(hostnameOf(ingress), hostname)) {
      return;
    }
    try {
      resource(ingress)
          .editStatus(
              current -> {
                var status =
                    current.getStatus() == null ? new IngressStatus() : current.getStatus();
                status.setLoadBalancer(
                    new IngressLoadBalancerStatus(
                        hostname == null
                            ? List.of()
                            : List.of(
                                new IngressLoadBalancerIngressBuilder()
                                    .withHostname(hostname)
                                    .build())));
                current.setStatus(status);
                return current;
              });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  static String hostnameOf(Ingress ingress) {
    var status = ingress.getStatus();
    if (status == null
        || status.getLoadBalancer() == null
        || status.getLoadBalancer().getIngress() == null
        || status.getLoadBalancer().getIngress().size() != 1) {
      return null;
    }
    return status.getLoadBalancer().getIngress().get(0).getHostname();
  }

  private void edit(Ingress ingress, java.util.function.Consumer<Ingress> change) {
    try {
      resource(ingress)
          .edit(
              current -> {
                change.accept(current);
                return current;
              });
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private io.fabric8.kubernetes.client.dsl.Resource<Ingress> resource(Ingress ingress) {
    return client
        .network()
        .v1()
        .ingresses()
        .inNamespace(ingress.getMetadata().getNamespace())
        .withName(ingress.getMetadata().getName());
  }
}
