package io.elbv2.operator.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The AWS objects tagged {@code elbv2.k8s.aws/cluster=<cluster>} as moto has them now: load
 * balancers and target groups, whose tags are read with {@code DescribeTags}, and security groups,
 * found with one filtered EC2 call.
 */
public record ClusterTagged(ElasticLoadBalancingV2Client elbv2, Ec2Client ec2, String cluster) {

  public static final String CLUSTER_TAG = "elbv2.k8s.aws/cluster";
  private static final int TAGS_PER_CALL = 20;

  public static ClusterTagged in(
      ElasticLoadBalancingV2Client elbv2, Ec2Client ec2, LocalCluster cluster) {
    return new ClusterTagged(elbv2, ec2, cluster.get("ELBV2_CLUSTER_NAME"));
  }

  /** Each object's tags, by its ARN or security group id. */
  public Map<String, Map<String, String>> all() {
    var arns = new ArrayList<String>();
    elbv2.describeLoadBalancersPaginator().loadBalancers().stream()
        .map(LoadBalancer::loadBalancerArn)
        .forEach(arns::add);
    elbv2.describeTargetGroupsPaginator().targetGroups().stream()
        .map(TargetGroup::targetGroupArn)
        .forEach(arns::add);
    var tagged = new HashMap<String, Map<String, String>>();
    for (int start = 0; start < arns.size(); start += TAGS_PER_CALL) {
      List<String> batch = arns.subList(start, Math.min(arns.size(), start + TAGS_PER_CALL));
      for (var description : elbv2.describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
        tagged.put(
            description.resourceArn(),
            description.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())));
      }
    }
    ec2.describeSecurityGroupsPaginator(
            r -> r.filters(Filter.builder().name("tag:" + CLUSTER_TAG).values(cluster).build()))
        .securityGroups()
        .forEach(
            group ->
                tagged.put(
                    group.groupId(),
                    group.tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()))));
    tagged.values().removeIf(tags -> !cluster.equals(tags.get(CLUSTER_TAG)));
    return tagged;
  }

  /** The ARNs and security group ids of those whose tag {@code key} is {@code value}. */
  public Set<String> withTag(String key, String value) {
    return all().entrySet().stream()
        .filter(e -> value.equals(e.getValue().get(key)))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }
}
