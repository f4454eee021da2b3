package io.elbv2.operator.service;

import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.config.Lease;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.deploy.LoadBalancerDependent;
import io.fabric8.kubernetes.api.model.Service;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The Network Load Balancer of a Service's stack. */
@Singleton
public class ServiceLoadBalancer extends LoadBalancerDependent<Service> {

  ServiceLoadBalancer(
      ElasticLoadBalancingV2Client elbv2,
      OperatorSettings settings,
      Lease lease,
      AwsListingHealth health) {
    super(elbv2, settings, lease, health, ServiceStacks.KIND);
  }
}
