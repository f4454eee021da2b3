package io.elbv2.operator.deploy;

import io.elbv2.operator.model.SecurityGroupSpec;
import io.elbv2.operator.model.SecurityGroupSpec.Rule;
import io.javaoperatorsdk.operator.processing.ResourceIDProvider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * A security group as EC2 has it (with its id), or as the stack wants it (without). Rules are
 * compared as sets, one CIDR each, however EC2 groups them.
 *
 * <p>A class, not a record: the operator SDK's build step cannot look up {@code java.lang.Record}.
 */
public final class AwsSecurityGroup implements ResourceIDProvider<String> {

  private final String groupId;
  private final SecurityGroupSpec spec;

  public AwsSecurityGroup(String groupId, SecurityGroupSpec spec) {
    this.groupId = groupId;
    this.spec = spec;
  }

  public String groupId() {
    return groupId;
  }

  public SecurityGroupSpec spec() {
    return spec;
  }

  static AwsSecurityGroup wanted(SecurityGroupSpec spec) {
    return new AwsSecurityGroup(null, spec);
  }

  static AwsSecurityGroup found(SecurityGroup group, String resourceKey) {
    var tags = new java.util.HashMap<String, String>();
    group.tags().forEach(t -> tags.put(t.key(), t.value()));
    var rules = new ArrayList<Rule>();
    for (var permission : group.ipPermissions()) {
      int from = permission.fromPort() == null ? -1 : permission.fromPort();
      int to = permission.toPort() == null ? -1 : permission.toPort();
      permission
          .ipRanges()
          .forEach(r -> rules.add(new Rule(permission.ipProtocol(), from, to, r.cidrIp())));
      permission
          .ipv6Ranges()
          .forEach(r -> rules.add(new Rule(permission.ipProtocol(), from, to, r.cidrIpv6())));
    }
    return new AwsSecurityGroup(
        group.groupId(),
        new SecurityGroupSpec(
            tags.get(resourceKey),
            group.groupName(),
            group.description(),
            group.vpcId(),
            rules,
            Map.copyOf(tags)));
  }

  Set<Rule> rules() {
    return new HashSet<>(spec.ingress());
  }

  @Override
  public String resourceId() {
    return groupId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AwsSecurityGroup other
        && Objects.equals(groupId, other.groupId)
        && Objects.equals(spec, other.spec);
  }

  @Override
  public int hashCode() {
    return Objects.hash(groupId, spec);
  }

  @Override
  public String toString() {
    return "AwsSecurityGroup[groupId=" + groupId + ", spec=" + spec + "]";
  }
}
