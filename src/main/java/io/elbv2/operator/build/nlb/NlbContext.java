package io.elbv2.operator.build.nlb;

import io.elbv2.operator.discovery.SecurityGroupLookup;
import io.elbv2.operator.discovery.SubnetLookup;
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
 * @param tcpUdpListeners the {@code EnableTCPUDPListener} feature gate: TCP and UDP on one port
 *     share a TCP_UDP listener unless a Service says otherwise
 * @param defaultTagsLowPriority the {@code EnableDefaultTagsLowPriority} feature gate: a Service's
 *     tags win over the default tags (by default the default tags win, as in the Go controller)
 */
public record NlbContext(
    String clusterName,
    String vpcId,
    List<String> vpcCidrs,
    Map<String, String> defaultTags,
    Set<String> externalManagedTags,
    SubnetLookup subnets,
    SecurityGroupLookup securityGroups,
    boolean nlbSecurityGroups,
    boolean tcpUdpListeners,
    boolean defaultTagsLowPriority) {

  public NlbContext {
    vpcCidrs = List.copyOf(vpcCidrs);
    defaultTags = Map.copyOf(defaultTags);
    externalManagedTags = Set.copyOf(externalManagedTags);
  }
}
