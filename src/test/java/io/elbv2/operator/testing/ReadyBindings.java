package io.elbv2.operator.testing;

import io.elbv2.operator.targetgroupbinding.TargetGroupBinding;
import io.fabric8.kubernetes.client.KubernetesClient;

/** How many TargetGroupBindings of a namespace report {@code Ready: True}. */
public final class ReadyBindings {

  private ReadyBindings() {}

  public static long in(KubernetesClient client, String namespace) {
    return client
        .resources(TargetGroupBinding.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .stream()
        .filter(b -> b.getStatus() != null && b.getStatus().conditions() != null)
        .filter(
            b ->
                b.getStatus().conditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .count();
  }
}
