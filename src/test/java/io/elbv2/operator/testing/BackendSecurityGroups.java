package io.elbv2.operator.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The cluster's shared backend security group, as EC2 (moto) has it now. */
public final class BackendSecurityGroups {

  private BackendSecurityGroups() {}

  public static Optional<SecurityGroup> of(Ec2Client ec2, LocalCluster cluster) {
    return ec2
        .describeSecurityGroups(
            r ->
                r.filters(
                    Filter.builder()
                        .name("tag:elbv2.k8s.aws/cluster")
                        .values(cluster.get("ELBV2_CLUSTER_NAME"))
                        .build(),
                    Filter.builder()
                        .name("tag:elbv2.k8s.aws/resource")
                        .values("backend-sg")
                        .build()))
        .securityGroups()
        .stream()
        .findFirst();
  }

  /** The group's id; if the cluster has none, one is made as the Go controller makes it. */
  public static String idOrMadeByTheGoController(Ec2Client ec2, LocalCluster cluster) {
    var existing = of(ec2, cluster);
    if (existing.isPresent()) {
      return existing.get().groupId();
    }
    var name = cluster.get("ELBV2_CLUSTER_NAME");
    return ec2.createSecurityGroup(
            r ->
                r.groupName(
                        "k8s-traffic-"
                            + name.replaceAll("[^A-Za-z0-9]", "")
                            + "-"
                            + sha256(name).substring(0, 10))
                    .description("[k8s] Shared Backend SecurityGroup for LoadBalancer")
                    .vpcId(cluster.get("ELBV2_VPC_ID"))
                    .tagSpecifications(
                        t ->
                            t.resourceType(ResourceType.SECURITY_GROUP)
                                .tags(
                                    Tag.builder().key("elbv2.k8s.aws/cluster").value(name).build(),
                                    Tag.builder()
                                        .key("elbv2.k8s.aws/resource")
                                        .value("backend-sg")
                                        .build())))
        .groupId();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
