package io.elbv2.operator.model;

import java.util.Map;

/**
 * A target group as it should be.
 *
 * @param resourceId its identity inside the stack (tag {@code service.k8s.aws/resource}), e.g.
 *     {@code default/web:80}
 * @param protocolVersion {@code HTTP1}, {@code HTTP2} or {@code GRPC} for HTTP and HTTPS groups;
 *     {@code null} for the others
 */
public record TargetGroupSpec(
    String resourceId,
    String name,
    String targetType,
    String protocol,
    String protocolVersion,
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
        protocolVersion,
        port,
        ipAddressType,
        vpcId,
        healthCheck,
        attributes,
        newTags);
  }
}
