package io.elbv2.operator.testing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The ALBs of Ingress stacks as moto has them now: what is tagged {@code
 * elbv2.k8s.aws/cluster=<cluster>} and {@code ingress.k8s.aws/stack=<namespace/name or group>},
 * with its listeners and rules.
 */
public record IngressAlbs(ElasticLoadBalancingV2Client elbv2, String cluster) {

  public static IngressAlbs in(ElasticLoadBalancingV2Client elbv2, LocalCluster cluster) {
    return new IngressAlbs(elbv2, cluster.get("ELBV2_CLUSTER_NAME"));
  }

  public Map<String, String> tagsOf(String arn) {
    return elbv2.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
  }

  public boolean ofStack(String arn, String stack) {
    var tags = tagsOf(arn);
    return cluster.equals(tags.get(ClusterTagged.CLUSTER_TAG))
        && stack.equals(tags.get("ingress.k8s.aws/stack"));
  }

  public List<LoadBalancer> loadBalancersOf(String stack) {
    return elbv2.describeLoadBalancers().loadBalancers().stream()
        .filter(lb -> ofStack(lb.loadBalancerArn(), stack))
        .toList();
  }

  /** The stack's one load balancer; fails if it has none or more. */
  public LoadBalancer loadBalancerOf(String stack) {
    var found = loadBalancersOf(stack);
    if (found.size() != 1) {
      throw new AssertionError("stack " + stack + " has " + found.size() + " load balancers");
    }
    return found.get(0);
  }

  public List<TargetGroup> targetGroupsOf(String stack) {
    return elbv2.describeTargetGroups().targetGroups().stream()
        .filter(tg -> ofStack(tg.targetGroupArn(), stack))
        .toList();
  }

  public List<Listener> listeners(LoadBalancer lb) {
    return elbv2.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners();
  }

  /** The listener on a port; fails if there is none. */
  public Listener listener(LoadBalancer lb, int port) {
    return listeners(lb).stream()
        .filter(l -> l.port() == port)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no listener on port " + port));
  }

  /** The rules of a listener but its default one, in priority order. */
  public List<Rule> rules(Listener listener) {
    return elbv2.describeRules(r -> r.listenerArn(listener.listenerArn())).rules().stream()
        .filter(rule -> !Boolean.TRUE.equals(rule.isDefault()))
        .sorted(Comparator.comparingInt(rule -> Integer.parseInt(rule.priority())))
        .toList();
  }
}
