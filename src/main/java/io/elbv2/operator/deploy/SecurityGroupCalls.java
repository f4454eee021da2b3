package io.elbv2.operator.deploy;

import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The EC2 calls that make and delete the security groups the operator owns. */
final class SecurityGroupCalls {

  private SecurityGroupCalls() {}

  /**
   * Makes a group tagged at creation (the IAM policy requires the cluster tag then) and returns its
   * id.
   */
  static String create(
      Ec2Client ec2, String name, String description, String vpcId, Map<String, String> tags) {
    return ec2.createSecurityGroup(
            r ->
                r.groupName(name)
                    .description(description)
                    .vpcId(vpcId)
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.SECURITY_GROUP)
                            .tags(
                                tags.entrySet().stream()
                                    .map(
                                        e ->
                                            Tag.builder()
                                                .key(e.getKey())
                                                .value(e.getValue())
                                                .build())
                                    .toList())
                            .build()))
        .groupId();
  }

  /** Deletes a group; one already gone counts as deleted. */
  static void deleteIfPresent(Ec2Client ec2, String groupId) {
    try {
      ec2.deleteSecurityGroup(r -> r.groupId(groupId));
    } catch (Ec2Exception e) {
      if (e.awsErrorDetails() == null
          || !"InvalidGroup.NotFound".equals(e.awsErrorDetails().errorCode())) {
        throw e;
      }
    }
  }
}
