package io.elbv2.operator.deploy;

import io.elbv2.operator.model.HealthCheckSpec;
import io.elbv2.operator.model.TargetGroupSpec;
import io.javaoperatorsdk.operator.processing.ResourceIDProvider;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A target group as AWS has it (with its ARN), or as the stack wants it (without). Attributes are
 * compared on their own, as for load balancers.
 *
 * <p>A class, not a record: the operator SDK's build step cannot look up {@code java.lang.Record}.
 */
public final class AwsTargetGroup implements ResourceIDProvider<String> {
  private final String arn;
  private final TargetGroupSpec spec;

  public AwsTargetGroup(String arn, TargetGroupSpec spec) {
    this.arn = arn;
    this.spec = spec;
  }

  public String arn() {
    return arn;
  }

  public TargetGroupSpec spec() {
    return spec;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AwsTargetGroup other
        && Objects.equals(arn, other.arn)
        && Objects.equals(spec, other.spec);
  }

  @Override
  public int hashCode() {
    return Objects.hash(arn, spec);
  }

  @Override
  public String toString() {
    return "AwsTargetGroup[" + "arn=" + arn + ", " + "spec=" + spec + "]";
  }

  static AwsTargetGroup wanted(TargetGroupSpec spec) {
    return new AwsTargetGroup(null, spec);
  }

  static AwsTargetGroup found(TargetGroup tg, Map<String, String> tags, String resourceKey) {
    return new AwsTargetGroup(
        tg.targetGroupArn(),
        new TargetGroupSpec(
            tags.get(resourceKey),
            tg.targetGroupName(),
            tg.targetTypeAsString(),
            tg.protocolAsString(),
            tg.protocolVersion(),
            tg.port() == null ? 0 : tg.port(),
            tg.ipAddressTypeAsString(),
            tg.vpcId(),
            healthCheckOf(tg),
            Map.of(),
            tags));
  }

  /**
   * Which wanted target group this is: port, protocol and its version, target type and address type
   * cannot change in place, so a change there makes a new group (and the old one goes once nothing
   * uses it).
   */
  String key() {
    return String.join("|", spec.resourceId(), fixedSettings());
  }

  /** Whether this group can be the wanted one: the same in all that cannot change in place. */
  boolean canBecome(AwsTargetGroup wanted) {
    return fixedSettings().equals(wanted.fixedSettings());
  }

  private String fixedSettings() {
    return String.join(
        "|",
        spec.protocol(),
        protocolVersion(),
        Integer.toString(spec.port()),
        spec.targetType(),
        spec.ipAddressType());
  }

  /** This group as the stack's group {@code resourceId}, before its tags say so. */
  AwsTargetGroup as(String resourceId) {
    return new AwsTargetGroup(
        arn,
        new TargetGroupSpec(
            resourceId,
            spec.name(),
            spec.targetType(),
            spec.protocol(),
            spec.protocolVersion(),
            spec.port(),
            spec.ipAddressType(),
            spec.vpcId(),
            spec.healthCheck(),
            spec.attributes(),
            spec.tags()));
  }

  /** AWS reports a version on every group; it means something, and is kept, on HTTP(S) only. */
  private String protocolVersion() {
    var http = "HTTP".equals(spec.protocol()) || "HTTPS".equals(spec.protocol());
    return !http ? "" : spec.protocolVersion() == null ? "HTTP1" : spec.protocolVersion();
  }

  private static HealthCheckSpec healthCheckOf(TargetGroup tg) {
    boolean http = !"TCP".equals(tg.healthCheckProtocolAsString());
    return new HealthCheckSpec(
        tg.healthCheckProtocolAsString(),
        tg.healthCheckPort(),
        http ? tg.healthCheckPath() : null,
        tg.healthCheckIntervalSeconds(),
        tg.healthCheckTimeoutSeconds(),
        tg.healthyThresholdCount(),
        tg.unhealthyThresholdCount(),
        http && tg.matcher() != null ? tg.matcher().httpCode() : null);
  }

  @Override
  public String resourceId() {
    return arn;
  }
}
