package io.elbv2.operator.testing;

import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

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
}
