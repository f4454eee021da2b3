package io.elbv2.operator.deploy;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The EC2 calls that make, tag and delete the security groups the operator owns. */
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
                            .tags(tags(tags))
                            .build()))
        .groupId();
  }

  /** Writes tag changes to a group. */
  static void retag(Ec2Client ec2, String groupId, TagChanges changes) {
    if (!changes.toAdd().isEmpty()) {
      ec2.createTags(r -> r.resources(groupId).tags(tags(changes.toAdd())));
    }
    if (!changes.toRemove().isEmpty()) {
      ec2.deleteTags(
          r ->
              r.resources(groupId)
                  .tags(
                      changes.toRemove().stream()
                          .map(key -> Tag.builder().key(key).build())
                          .toList()));
    }
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
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
