package io.elbv2.operator.service;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a Network Load Balancer model needs besides the Service.
 *
 * @param vpcCidrs sources allowed by default for internal load balancers without a security group
 * @param externalManagedTags tag keys managed outside the operator, refused in annotations
 * @param nlbSecurityGroups the {@code NLBSecurityGroup} feature gate: new load balancers get a
 *     security group of their own
 */
public record NlbContext(
    String clusterName,
    String vpcId,
    List<String> vpcCidrs,
    Map<String, String> defaultTags,
    Set<String> externalManagedTags,
    SubnetLookup subnets,
    SecurityGroupLookup securityGroups,
    boolean nlbSecurityGroups) {

  public NlbContext {
    vpcCidrs = List.copyOf(vpcCidrs);
    defaultTags = Map.copyOf(defaultTags);
    externalManagedTags = Set.copyOf(externalManagedTags);
  }
}
