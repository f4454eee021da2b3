package io.elbv2.operator.ingress;

import io.elbv2.operator.discovery.CertificateLookup;
import io.elbv2.operator.discovery.SslPolicyLookup;
import io.elbv2.operator.discovery.SubnetLookup;
import io.elbv2.operator.discovery.TargetGroupNames;
import java.util.Map;
import java.util.Set;

/**
 * What an Application Load Balancer model needs besides the Ingresses and their Services.
 *
 * @param externalManagedTags tag keys managed outside the operator, refused in annotations
 * @param defaultTagsLowPriority the {@code EnableDefaultTagsLowPriority} feature gate
 * @param singleSubnet the {@code ALBSingleSubnet} feature gate: one subnet is enough
 * @param certificates ACM's certificates, for HTTPS listeners no certificate is named for
 * @param sslPolicies the TLS policies a named one is checked against
 * @param targetGroupNames the target groups that actions name by name
 */
public record AlbContext(
    String clusterName,
    String vpcId,
    Map<String, String> defaultTags,
    Set<String> externalManagedTags,
    SubnetLookup subnets,
    boolean defaultTagsLowPriority,
    boolean singleSubnet,
    CertificateLookup certificates,
    SslPolicyLookup sslPolicies,
    TargetGroupNames targetGroupNames) {

  public AlbContext {
    defaultTags = Map.copyOf(defaultTags);
    externalManagedTags = Set.copyOf(externalManagedTags);
  }
}
