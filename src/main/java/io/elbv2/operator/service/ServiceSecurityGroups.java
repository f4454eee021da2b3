package io.elbv2.operator.service;

import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.config.Lease;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.deploy.SecurityGroupsDependent;
import io.fabric8.kubernetes.api.model.Service;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The security group in front of a Service's Network Load Balancer. */
@Singleton
public class ServiceSecurityGroups extends SecurityGroupsDependent<Service> {

  ServiceSecurityGroups(
      Ec2Client ec2, OperatorSettings settings, Lease lease, AwsListingHealth health) {
    super(ec2, settings, lease, health, ServiceStacks.KIND);
  }
}
