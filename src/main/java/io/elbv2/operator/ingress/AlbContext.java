package io.elbv2.operator.ingress;

import io.elbv2.operator.discovery.SubnetLookup;
import java.util.Map;
import java.util.Set;

/**
 * What an Application Load Balancer model needs besides the Ingresses and their Services.
 *
 * @param externalManagedTags tag keys managed outside the operator, refused in annotations
 * @param defaultTagsLowPriority the {@code EnableDefaultTagsLowPriority} feature gate
 */
public record AlbContext(
    String clusterName,
    String vpcId,
    Map<String, String> defaultTags,
    Set<String> externalManagedTags,
    SubnetLookup subnets,
    boolean defaultTagsLowPriority) {

  public AlbContext {
    defaultTags = Map.copyOf(defaultTags);
    externalManagedTags = Set.copyOf(externalManagedTags);
  }
}
