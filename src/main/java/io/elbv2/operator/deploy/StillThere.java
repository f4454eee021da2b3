package io.elbv2.operator.deploy;

import io.elbv2.operator.api.TargetGroupBinding;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;

/**
 * What a stack's cleanup has not deleted yet, by the names users look them up by: load balancer and
 * target group ARNs, security group ids, {@code <namespace>/<name>} of bindings.
 */
public record StillThere(
    List<String> loadBalancers,
    List<String> targetGroups,
    List<String> securityGroups,
    List<String> bindings) {

  public StillThere {
    loadBalancers = List.copyOf(loadBalancers);
    targetGroups = List.copyOf(targetGroups);
    securityGroups = List.copyOf(securityGroups);
    bindings = List.copyOf(bindings);
  }

  /** What the primary of this reconciliation still has, as its dependents last saw it. */
  public static StillThere in(Context<?> context) {
    return new StillThere(
        context
            .getSecondaryResourcesAsStream(AwsLoadBalancer.class)
            .map(AwsLoadBalancer::arn)
            .sorted()
            .toList(),
        context
            .getSecondaryResourcesAsStream(AwsTargetGroup.class)
            .map(AwsTargetGroup::arn)
            .sorted()
            .toList(),
        context
            .getSecondaryResourcesAsStream(AwsSecurityGroup.class)
            .map(AwsSecurityGroup::groupId)
            .sorted()
            .toList(),
        context
            .getSecondaryResourcesAsStream(TargetGroupBinding.class)
            .map(b -> b.getMetadata().getNamespace() + "/" + b.getMetadata().getName())
            .sorted()
            .toList());
  }
}
