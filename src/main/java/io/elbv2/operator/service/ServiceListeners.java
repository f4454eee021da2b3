package io.elbv2.operator.service;

import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.deploy.ListenersDependent;
import io.fabric8.kubernetes.api.model.Service;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The listeners of a Service's Network Load Balancer, one per port. */
@Singleton
public class ServiceListeners extends ListenersDependent<Service> {

  ServiceListeners(ElasticLoadBalancingV2Client elbv2, OperatorSettings settings) {
    super(elbv2, settings);
  }
}
