package io.elbv2.operator.ingress;

import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.config.Lease;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.deploy.TargetGroupsDependent;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The target groups of an IngressGroup, one per Ingress, Service and port. */
@Singleton
public class IngressTargetGroups extends TargetGroupsDependent<Ingress> {

  IngressTargetGroups(
      ElasticLoadBalancingV2Client elbv2,
      OperatorSettings settings,
      Lease lease,
      AwsListingHealth health,
      IngressGroups groups) {
    super(elbv2, settings, lease, health, IngressStacks.kind(groups));
  }
}
