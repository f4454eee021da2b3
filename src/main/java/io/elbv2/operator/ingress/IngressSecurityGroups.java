package io.elbv2.operator.ingress;

import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.config.Lease;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.deploy.SecurityGroupsDependent;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The managed security group in front of an IngressGroup's load balancer. */
@Singleton
public class IngressSecurityGroups extends SecurityGroupsDependent<Ingress> {

  IngressSecurityGroups(
      Ec2Client ec2,
      OperatorSettings settings,
      Lease lease,
      AwsListingHealth health,
      IngressGroups groups) {
    super(ec2, settings, lease, health, IngressStacks.kind(groups));
  }
}
