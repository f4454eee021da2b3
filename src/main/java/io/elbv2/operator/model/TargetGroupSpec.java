package io.elbv2.operator.model;

import java.util.Map;

/**
 * A target group as it should be.
 *
 * @param resourceId its identity inside the stack (tag {@code service.k8s.aws/resource}), e.g.
 *     {@code default/web:80}
 */
public record TargetGroupSpec(
    String resourceId,
    String name,
    String targetType,
    String protocol,
    int port,
    String ipAddressType,
    String vpcId,
    HealthCheckSpec healthCheck,
    Map<String, String> attributes,
    Map<String, String> tags) {

  public TargetGroupSpec {
    attributes = Map.copyOf(attributes);
    tags = Map.copyOf(tags);
  }

  public TargetGroupSpec withTags(Map<String, String> newTags) {
    return new TargetGroupSpec(
        resourceId,
        name,
        targetType,
        protocol,
        port,
        ipAddressType,
        vpcId,
        healthCheck,
        attributes,
        newTags);
  }
}
