package io.elbv2.operator.model;

import java.util.List;

/**
 * Everything one Kubernetes object (or group of objects) wants in AWS, built by a pure model
 * builder and deployed in dependency order: security groups and target groups, load balancer,
 * listeners, then the TargetGroupBindings that fill the groups.
 *
 * @param id the stack's identity, {@code <namespace>/<name>}, as in the Go controller's stack tag
 * @param securityGroups groups the stack manages; the load balancer uses them besides the ones its
 *     spec names
 * @param backendSecurityGroup whether the load balancer also carries the cluster's shared backend
 *     security group, the one the targets' groups admit (one rule for every load balancer, where a
 *     rule per load balancer would soon reach EC2's limit of rules per group)
 */
public record Stack(
    String id,
    List<SecurityGroupSpec> securityGroups,
    boolean backendSecurityGroup,
    LoadBalancerSpec loadBalancer,
    List<ListenerSpec> listeners,
    List<TargetGroupSpec> targetGroups,
    List<BindingSpec> bindings) {

  public Stack {
    securityGroups = List.copyOf(securityGroups);
    listeners = List.copyOf(listeners);
    targetGroups = List.copyOf(targetGroups);
    bindings = List.copyOf(bindings);
  }
}
