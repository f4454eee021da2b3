package io.elbv2.operator.model;

import java.util.List;

/**
 * Everything one Kubernetes object (or group of objects) wants in AWS, built by a pure model
 * builder and deployed in dependency order: target groups, load balancer, listeners, then the
 * TargetGroupBindings that fill the groups.
 *
 * @param id the stack's identity, {@code <namespace>/<name>}, as in the Go controller's stack tag
 */
public record Stack(
    String id,
    LoadBalancerSpec loadBalancer,
    List<ListenerSpec> listeners,
    List<TargetGroupSpec> targetGroups,
    List<BindingSpec> bindings) {

  public Stack {
    listeners = List.copyOf(listeners);
    targetGroups = List.copyOf(targetGroups);
    bindings = List.copyOf(bindings);
  }
}
