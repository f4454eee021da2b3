package io.elbv2.operator.testing;

import io.elbv2.operator.api.TargetGroupBinding;
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
        .filter(ReadyBindings::ready)
        .count();
  }

  public static boolean isReady(KubernetesClient client, String namespace, String name) {
    var binding =
        client.resources(TargetGroupBinding.class).inNamespace(namespace).withName(name).get();
    return binding != null && ready(binding);
  }

  private static boolean ready(TargetGroupBinding binding) {
    return binding.getStatus() != null
        && binding.getStatus().conditions() != null
        && binding.getStatus().conditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
