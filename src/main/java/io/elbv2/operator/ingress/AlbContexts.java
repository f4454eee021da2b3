package io.elbv2.operator.ingress;

import io.elbv2.operator.config.FeatureGate;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.discovery.CertificateLookup;
import io.elbv2.operator.discovery.ClusterNetwork;
import io.elbv2.operator.discovery.SslPolicyLookup;
import io.elbv2.operator.discovery.TargetGroupNames;
import jakarta.inject.Singleton;

/** The {@link AlbContext} of this cluster: its settings and its network. */
@Singleton
class AlbContexts {

  private final OperatorSettings settings;
  private final ClusterNetwork network;
  private final CertificateLookup certificates;
  private final SslPolicyLookup sslPolicies;
  private final TargetGroupNames targetGroupNames;

  AlbContexts(
      OperatorSettings settings,
      ClusterNetwork network,
      CertificateLookup certificates,
      SslPolicyLookup sslPolicies,
      TargetGroupNames targetGroupNames) {
    this.settings = settings;
    this.network = network;
    this.certificates = certificates;
    this.sslPolicies = sslPolicies;
    this.targetGroupNames = targetGroupNames;
  }

  AlbContext context() {
    return new AlbContext(
        settings.clusterName(),
        network.vpcId(),
        settings.defaultTags(),
        settings.externalManagedTags(),
        network.subnets(),
        settings.enabled(FeatureGate.EnableDefaultTagsLowPriority),
        settings.enabled(FeatureGate.ALBSingleSubnet),
        certificates,
        sslPolicies,
        targetGroupNames);
  }
}
