package io.elbv2.operator.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** An {@link OperatorConfig} with valid values, changed one property at a time by the tests. */
record TestConfig(
    Optional<String> clusterName,
    Optional<String> region,
    Optional<String> vpcId,
    Duration attemptTimeout,
    Optional<String> defaultTags,
    Optional<String> externalManagedTags,
    Optional<Boolean> enableShield,
    Optional<Boolean> enableWaf,
    Optional<Boolean> enableWafv2,
    Optional<String> featureGates,
    Duration readinessGateRecheckPeriod,
    Optional<String> allowedCertificateAuthorityArns)
    implements OperatorConfig {

  static TestConfig valid() {
    return new TestConfig(
        Optional.of("prod-cluster"),
        Optional.of("us-west-2"),
        Optional.of("vpc-0123456789abcdef0"),
        Duration.ofSeconds(15),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Duration.ofSeconds(15),
        Optional.empty());
  }

  TestConfig withClusterName(String value) {
    return new TestConfig(
        Optional.ofNullable(value),
        region,
        vpcId,
        attemptTimeout,
        defaultTags,
        externalManagedTags,
        enableShield,
        enableWaf,
        enableWafv2,
        featureGates,
        readinessGateRecheckPeriod,
        allowedCertificateAuthorityArns);
  }

  TestConfig withRegion(String value) {
    return new TestConfig(
        clusterName,
        Optional.ofNullable(value),
        vpcId,
        attemptTimeout,
        defaultTags,
        externalManagedTags,
        enableShield,
        enableWaf,
        enableWafv2,
        featureGates,
        readinessGateRecheckPeriod,
        allowedCertificateAuthorityArns);
  }

  TestConfig withVpcId(String value) {
    return new TestConfig(
        clusterName,
        region,
        Optional.ofNullable(value),
        attemptTimeout,
        defaultTags,
        externalManagedTags,
        enableShield,
        enableWaf,
        enableWafv2,
        featureGates,
        readinessGateRecheckPeriod,
        allowedCertificateAuthorityArns);
  }

  TestConfig withAttemptTimeout(Duration value) {
    return new TestConfig(
        clusterName,
        region,
        vpcId,
        value,
        defaultTags,
        externalManagedTags,
        enableShield,
        enableWaf,
        enableWafv2,
        featureGates,
        readinessGateRecheckPeriod,
        allowedCertificateAuthorityArns);
  }

  TestConfig withDefaultTags(String value) {
    return new TestConfig(
        clusterName,
        region,
        vpcId,
        attemptTimeout,
        Optional.of(value),
        externalManagedTags,
        enableShield,
        enableWaf,
        enableWafv2,
        featureGates,
        readinessGateRecheckPeriod,
        allowedCertificateAuthorityArns);
  }

  TestConfig withExternalManagedTags(String value) {
    return new TestConfig(
        clusterName,
        region,
        vpcId,
        attemptTimeout,
        defaultTags,
        Optional.of(value),
        enableShield,
        enableWaf,
        enableWafv2,
        featureGates,
        readinessGateRecheckPeriod,
        allowedCertificateAuthorityArns);
  }

  TestConfig withShieldAndWaf(Boolean shield, Boolean waf, Boolean wafv2) {
    return new TestConfig(
        clusterName,
        region,
        vpcId,
        attemptTimeout,
        defaultTags,
        externalManagedTags,
        Optional.ofNullable(shield),
        Optional.ofNullable(waf),
        Optional.ofNullable(wafv2),
        featureGates,
        readinessGateRecheckPeriod,
        allowedCertificateAuthorityArns);
  }

  TestConfig withFeatureGates(String value) {
    return new TestConfig(
        clusterName,
        region,
        vpcId,
        attemptTimeout,
        defaultTags,
        externalManagedTags,
        enableShield,
        enableWaf,
        enableWafv2,
        Optional.of(value),
        readinessGateRecheckPeriod,
        allowedCertificateAuthorityArns);
  }

  TestConfig withReadinessGateRecheckPeriod(Duration value) {
    return new TestConfig(
        clusterName,
        region,
        vpcId,
        attemptTimeout,
        defaultTags,
        externalManagedTags,
        enableShield,
        enableWaf,
        enableWafv2,
        featureGates,
        value,
        allowedCertificateAuthorityArns);
  }

  TestConfig withAllowedCertificateAuthorityArns(String value) {
    return new TestConfig(
        clusterName,
        region,
        vpcId,
        attemptTimeout,
        defaultTags,
        externalManagedTags,
        enableShield,
        enableWaf,
        enableWafv2,
        featureGates,
        readinessGateRecheckPeriod,
        Optional.of(value));
  }

  @Override
  public Optional<String> podName() {
    return Optional.empty();
  }

  @Override
  public Optional<String> podNamespace() {
    return Optional.empty();
  }

  @Override
  public Aws aws() {
    return new Aws() {
      @Override
      public Optional<String> region() {
        return region;
      }

      @Override
      public Optional<String> vpcId() {
        return vpcId;
      }

      @Override
      public Optional<URI> endpoint() {
        return Optional.empty();
      }

      @Override
      public int maxRetries() {
        return 10;
      }

      @Override
      public Duration callTimeout() {
        return Duration.ofSeconds(60);
      }

      @Override
      public Duration attemptTimeout() {
        return attemptTimeout;
      }

      @Override
      public int maxConcurrentCalls() {
        return 4;
      }
    };
  }

  @Override
  public String ingressClass() {
    return "alb";
  }

  @Override
  public String loadBalancerClass() {
    return "service.k8s.aws/nlb";
  }

  @Override
  public boolean manageInTreeNlbServices() {
    return true;
  }

  @Override
  public Duration targetGroupBindingResyncPeriod() {
    return Duration.ofMinutes(10);
  }

  @Override
  public int serviceMaxConcurrentCreations() {
    return 0;
  }

  @Override
  public int ingressMaxConcurrentCreations() {
    return 0;
  }

  @Override
  public Duration loadBalancerResyncPeriod() {
    return Duration.ofMinutes(2);
  }

  @Override
  public Duration serviceMaxExponentialBackoffDelay() {
    return Duration.ofSeconds(1000);
  }

  @Override
  public Duration ingressMaxExponentialBackoffDelay() {
    return Duration.ofSeconds(1000);
  }

  @Override
  public Duration targetGroupBindingMaxExponentialBackoffDelay() {
    return Duration.ofSeconds(1000);
  }
}
