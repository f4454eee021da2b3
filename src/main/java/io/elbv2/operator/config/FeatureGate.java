package io.elbv2.operator.config;

/**
 * Feature gates with the Go controller's names and defaults, so its {@code --feature-gates} values
 * carry over.
 */
public enum FeatureGate {
  EnableServiceController(true),
  EnableIPTargetType(true),
  EnableRGTAPI(false),
  SubnetsClusterTagCheck(true),
  NLBSecurityGroup(true),
  EndpointsFailOpen(true),
  ListenerRulesTagging(true),
  ALBSingleSubnet(false),
  ServiceTypeLoadBalancerOnly(false),
  EnableTCPUDPListener(false),
  EnableDefaultTagsLowPriority(false);

  private final boolean enabledByDefault;

  FeatureGate(boolean enabledByDefault) {
    this.enabledByDefault = enabledByDefault;
  }

  public boolean enabledByDefault() {
    return enabledByDefault;
  }
}
