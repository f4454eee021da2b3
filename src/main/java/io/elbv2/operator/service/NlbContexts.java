package io.elbv2.operator.service;

import io.elbv2.operator.build.nlb.NlbContext;
import io.elbv2.operator.config.FeatureGate;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.discovery.ClusterNetwork;
import jakarta.inject.Singleton;

/** The {@link NlbContext} of this cluster: its settings and its network. */
@Singleton
class NlbContexts {

  private final OperatorSettings settings;
  private final ClusterNetwork network;

  NlbContexts(OperatorSettings settings, ClusterNetwork network) {
    this.settings = settings;
    this.network = network;
  }

  NlbContext context() {
    return new NlbContext(
        settings.clusterName(),
        network.vpcId(),
        network.vpcCidrs(),
        settings.defaultTags(),
        settings.externalManagedTags(),
        network.subnets(),
        network.securityGroups(),
        settings.enabled(FeatureGate.NLBSecurityGroup),
        settings.enabled(FeatureGate.EnableTCPUDPListener),
        settings.enabled(FeatureGate.EnableDefaultTagsLowPriority));
  }
}
