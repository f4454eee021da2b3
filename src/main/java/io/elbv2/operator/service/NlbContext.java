package io.elbv2.operator.service;

import java.util.List;
import java.util.Map;

/**
 * What a Network Load Balancer model needs besides the Service.
 *
 * @param vpcCidrs sources allowed by default for internal load balancers
 */
public record NlbContext(
    String clusterName,
    String vpcId,
    List<String> vpcCidrs,
    Map<String, String> defaultTags,
    SubnetLookup subnets) {

  public NlbContext {
    vpcCidrs = List.copyOf(vpcCidrs);
    defaultTags = Map.copyOf(defaultTags);
  }
}
