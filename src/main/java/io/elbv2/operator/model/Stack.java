package io.elbv2.operator.model;

import java.util.List;

/**
 * Everything one Kubernetes object (or group of objects) wants in AWS, built by a pure model
 * builder and deployed in dependency order: security groups and target groups, load balancer,
 * listeners and their rules, then the TargetGroupBindings that fill the groups.
 *
 * @param id the stack's identity, {@code <namespace>/<name>} (or an explicit IngressGroup's name),
 *     as in the Go controller's stack tag
 * @param securityGroups groups the stack manages; the load balancer uses them besides the ones its
 *     spec names
 * @param backendSecurityGroup whether the load balancer also carries the cluster's shared backend
 *     security group, the one the targets' groups admit (one rule for every load balancer, where a
 *     rule per load balancer would soon reach EC2's limit of rules per group)
 * @param rules the listeners' rules (Application Load Balancers; a Network Load Balancer has none)
 */
public record Stack(
    String id,
    List<SecurityGroupSpec> securityGroups,
    boolean backendSecurityGroup,
    LoadBalancerSpec loadBalancer,
    List<ListenerSpec> listeners,
    List<RuleSpec> rules,
    List<TargetGroupSpec> targetGroups,
    List<BindingSpec> bindings) {

  public Stack {
    securityGroups = List.copyOf(securityGroups);
    listeners = List.copyOf(listeners);
    rules = List.copyOf(rules);
    targetGroups = List.copyOf(targetGroups);
    bindings = List.copyOf(bindings);
  }
}
