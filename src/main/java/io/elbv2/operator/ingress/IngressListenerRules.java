package io.elbv2.operator.ingress;

import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.deploy.ListenerRulesDependent;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The rules of an IngressGroup's listeners, one per host and path of its members. */
@Singleton
public class IngressListenerRules extends ListenerRulesDependent<Ingress> {

  IngressListenerRules(ElasticLoadBalancingV2Client elbv2, OperatorSettings settings) {
    super(elbv2, settings);
  }
}
