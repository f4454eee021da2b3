package io.elbv2.operator.deploy;

import io.elbv2.operator.model.OwnershipTags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The load balancers and target groups a stack owns in AWS, found by their tags ({@code
 * elbv2.k8s.aws/cluster} and the stack tag), never by ids kept in memory: after a crash, the same
 * objects are found again.
 */
record OwnedResources(
    List<LoadBalancer> loadBalancers,
    List<TargetGroup> targetGroups,
    Map<String, Map<String, String>> tags) {

  static final int TAGS_PER_CALL = 20;

  static OwnedResources find(
      ElasticLoadBalancingV2Client elbv2, String cluster, OwnershipTags ownership, String stack) {
    var loadBalancers = new ArrayList<LoadBalancer>();
    elbv2.describeLoadBalancersPaginator(r -> {}).loadBalancers().forEach(loadBalancers::add);
    var targetGroups = new ArrayList<TargetGroup>();
    elbv2.describeTargetGroupsPaginator(r -> {}).targetGroups().forEach(targetGroups::add);
    var arns = new ArrayList<String>();
    loadBalancers.forEach(lb -> arns.add(lb.loadBalancerArn()));
    targetGroups.forEach(tg -> arns.add(tg.targetGroupArn()));
    var tags = new HashMap<String, Map<String, String>>();
    for (int start = 0; start < arns.size(); start += TAGS_PER_CALL) {
      var batch = arns.subList(start, Math.min(arns.size(), start + TAGS_PER_CALL));
      for (var description : elbv2.describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
        var map = new HashMap<String, String>();
        description.tags().forEach(t -> map.put(t.key(), t.value()));
        tags.put(description.resourceArn(), map);
      }
    }
    var mine =
        (java.util.function.Predicate<String>)
            arn -> {
              var t = tags.getOrDefault(arn, Map.of());
              return cluster.equals(t.get(OwnershipTags.CLUSTER))
                  && stack.equals(t.get(ownership.stackKey()));
            };
    return new OwnedResources(
        loadBalancers.stream().filter(lb -> mine.test(lb.loadBalancerArn())).toList(),
        targetGroups.stream().filter(tg -> mine.test(tg.targetGroupArn())).toList(),
        tags);
  }

  /** The value of one tag of an owned resource, or null. */
  String tag(String arn, String key) {
    return tags.getOrDefault(arn, Map.of()).get(key);
  }
}
