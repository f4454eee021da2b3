package io.elbv2.operator.ingress;

import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.deploy.ListenersDependent;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The listeners of an IngressGroup's load balancer, one per listen port. */
@Singleton
public class IngressListeners extends ListenersDependent<Ingress> {

  IngressListeners(ElasticLoadBalancingV2Client elbv2, OperatorSettings settings) {
    super(elbv2, settings);
  }
}
