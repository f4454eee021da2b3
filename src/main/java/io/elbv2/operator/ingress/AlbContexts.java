package io.elbv2.operator.ingress;

import io.elbv2.operator.config.FeatureGate;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.service.NlbContexts;
import jakarta.inject.Singleton;

/** The {@link AlbContext} of this cluster, sharing the VPC and subnet discovery of the NLBs. */
@Singleton
class AlbContexts {

  private final OperatorSettings settings;
  private final NlbContexts clusterContexts;

  AlbContexts(OperatorSettings settings, NlbContexts clusterContexts) {
    this.settings = settings;
    this.clusterContexts = clusterContexts;
  }

  AlbContext context() {
    return new AlbContext(
        settings.clusterName(),
        clusterContexts.vpcId(),
        settings.defaultTags(),
        settings.externalManagedTags(),
        clusterContexts.subnets(),
        settings.enabled(FeatureGate.EnableDefaultTagsLowPriority),
        settings.enabled(FeatureGate.ALBSingleSubnet));
  }

  String vpcId() {
    return clusterContexts.vpcId();
  }
}
