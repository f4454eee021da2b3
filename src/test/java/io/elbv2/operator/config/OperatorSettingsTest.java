package io.elbv2.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.testing.ValidSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorSettingsTest {

  @Test
  void validConfigurationGivesSettingsWithGoControllerDefaults() {
    var settings = OperatorSettings.from(TestConfig.valid());

    assertThat(settings.clusterName()).isEqualTo("prod-cluster");
    assertThat(settings.partition()).isEqualTo(AwsPartition.AWS);
    assertThat(settings.ingressClass()).isEqualTo("alb");
    assertThat(settings.shieldEnabled()).isTrue();
    assertThat(settings.wafEnabled()).isTrue();
    assertThat(settings.wafv2Enabled()).isTrue();
    assertThat(settings.enabled(FeatureGate.EnableServiceController)).isTrue();
    assertThat(settings.enabled(FeatureGate.EnableRGTAPI)).isFalse();
  }

  @Test
  void servicesOfTheInTreeNlbAnnotationAreLeftToTheCloudProviderUnlessTurnedOn() {
    var defaults =
        new SmallRyeConfigBuilder()
            .withMapping(OperatorConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter())
            .build()
            .getConfigMapping(OperatorConfig.class);

    assertThat(defaults.manageInTreeNlbServices()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "cn-north-1, aws-cn, amazonaws.com.cn",
    "cn-northwest-1, aws-cn, amazonaws.com.cn",
    "us-gov-west-1, aws-us-gov, amazonaws.com",
    "eu-central-1, aws, amazonaws.com"
  })
  void regionDecidesPartitionAndDnsSuffix(String region, String partition, String dnsSuffix) {
    var settings = OperatorSettings.from(TestConfig.valid().withRegion(region));

    assertThat(settings.partition().id()).isEqualTo(partition);
    assertThat(settings.partition().dnsSuffix()).isEqualTo(dnsSuffix);
  }

  @Test
  void chinaRegionsTurnShieldAndWafOffByDefault() {
    var settings = OperatorSettings.from(TestConfig.valid().withRegion("cn-north-1"));

    assertThat(settings.shieldEnabled()).isFalse();
    assertThat(settings.wafEnabled()).isFalse();
    assertThat(settings.wafv2Enabled()).isFalse();
  }

  @Test
  void shieldOrWafAskedForInChinaIsRejectedWithTheReason() {
    var config = TestConfig.valid().withRegion("cn-north-1").withShieldAndWaf(true, null, true);

    assertThatThrownBy(() -> OperatorSettings.from(config))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(
            "elbv2.enable-shield=true: AWS Shield does not exist in region cn-north-1 (partition aws-cn)")
        .hasMessageContaining(
            "elbv2.enable-wafv2=true: AWS WAFv2 does not exist in region cn-north-1")
        .hasMessageNotContaining("elbv2.enable-waf=true");
  }

  @Test
  void shieldCanBeTurnedOffWhereItExists() {
    var settings = OperatorSettings.from(TestConfig.valid().withShieldAndWaf(false, null, null));

    assertThat(settings.shieldEnabled()).isFalse();
    assertThat(settings.wafEnabled()).isTrue();
  }

  @Test
  void everyProblemIsReportedInOneMessage() {
    var config = TestConfig.valid().withClusterName(null).withRegion("mars").withVpcId("vpc-xyz");

    assertThatThrownBy(() -> OperatorSettings.from(config))
        .hasMessageStartingWith("invalid elbv2-operator configuration:")
        .hasMessageContaining("elbv2.cluster-name (ELBV2_CLUSTER_NAME) is required")
        .hasMessageContaining("elbv2.aws.region: 'mars' is not an AWS region name")
        .hasMessageContaining("elbv2.aws.vpc-id: 'vpc-xyz' is not a VPC id");
  }

  @ParameterizedTest
  @CsvSource({"-starts-with-dash", "has space", "has.dot"})
  void malformedClusterNameIsRejected(String name) {
    assertThatThrownBy(() -> OperatorSettings.from(TestConfig.valid().withClusterName(name)))
        .hasMessageContaining(
            "elbv2.cluster-name: '" + name + "' must start with a letter or digit");
  }

  @Test
  void missingRegionIsRejected() {
    assertThatThrownBy(() -> OperatorSettings.from(TestConfig.valid().withRegion(null)))
        .hasMessageContaining("elbv2.aws.region (ELBV2_AWS_REGION) is required");
  }

  @Test
  void attemptTimeoutLongerThanCallTimeoutIsRejected() {
    var config = TestConfig.valid().withAttemptTimeout(Duration.ofMinutes(5));

    assertThatThrownBy(() -> OperatorSettings.from(config))
        .hasMessageContaining("elbv2.aws.attempt-timeout: must be positive and not longer than");
  }

  @Test
  void readinessGateRecheckPeriodIsKeptAndMustBeAtLeastASecond() {
    assertThat(OperatorSettings.from(TestConfig.valid()).readinessGateRecheckPeriod())
        .isEqualTo(Duration.ofSeconds(15));
    var config = TestConfig.valid().withReadinessGateRecheckPeriod(Duration.ofMillis(500));

    assertThatThrownBy(() -> OperatorSettings.from(config))
        .hasMessageContaining("elbv2.readiness-gate-recheck-period: must be at least 1s");
  }

  @Test
  void defaultTagsAreParsedInOrder() {
    var settings =
        OperatorSettings.from(TestConfig.valid().withDefaultTags("team=edge, cost-center = 42"));

    assertThat(settings.defaultTags()).isEqualTo(Map.of("team", "edge", "cost-center", "42"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "elbv2.k8s.aws/cluster=x | tag 'elbv2.k8s.aws/cluster' uses the prefix 'elbv2.k8s.aws/'",
        "aws:cloudformation=x | tag 'aws:cloudformation' uses the prefix 'aws:'",
        "team | 'team' is not of the form key=value",
        "a=1,a=2 | key 'a' is given twice"
      })
  void badDefaultTagsAreRejected(String tags, String problem) {
    assertThatThrownBy(() -> OperatorSettings.from(TestConfig.valid().withDefaultTags(tags)))
        .hasMessageContaining("elbv2.default-tags: " + problem);
  }

  @Test
  void externalManagedTagsAreKeptAsKeys() {
    var settings =
        OperatorSettings.from(TestConfig.valid().withExternalManagedTags("billing, owner,"));

    assertThat(settings.externalManagedTags()).containsExactlyInAnyOrder("billing", "owner");
  }

  @Test
  void externalManagedTagThatIsAlsoADefaultTagIsRejected() {
    var config =
        TestConfig.valid().withDefaultTags("billing=edge").withExternalManagedTags("billing");

    assertThatThrownBy(() -> OperatorSettings.from(config))
        .hasMessageContaining(
            "elbv2.external-managed-tags: 'billing' is also in elbv2.default-tags");
  }

  @Test
  void featureGatesOverrideDefaults() {
    var settings =
        OperatorSettings.from(
            TestConfig.valid().withFeatureGates("EnableRGTAPI=true,NLBSecurityGroup=false"));

    assertThat(settings.enabled(FeatureGate.EnableRGTAPI)).isTrue();
    assertThat(settings.enabled(FeatureGate.NLBSecurityGroup)).isFalse();
    assertThat(settings.enabled(FeatureGate.EnableIPTargetType)).isTrue();
  }

  @Test
  void unknownFeatureGateIsRejectedWithTheKnownOnes() {
    assertThatThrownBy(
            () -> OperatorSettings.from(TestConfig.valid().withFeatureGates("MakeItFast=true")))
        .hasMessageContaining(
            "elbv2.feature-gates: unknown gate 'MakeItFast'; known: [EnableServiceController");
  }

  @Test
  void featureGateValueMustBeBoolean() {
    assertThatThrownBy(
            () -> OperatorSettings.from(TestConfig.valid().withFeatureGates("EnableRGTAPI=yes")))
        .hasMessageContaining("elbv2.feature-gates: EnableRGTAPI=yes must be true or false");
  }

  @Test
  void allowedCertificateAuthoritiesAreACommaListOfArns() {
    var settings =
        OperatorSettings.from(
            TestConfig.valid()
                .withAllowedCertificateAuthorityArns(
                    " arn:aws:acm-pca:us-west-2:111122223333:certificate-authority/a ,"
                        + "arn:aws:acm-pca:us-west-2:111122223333:certificate-authority/b"));

    assertThat(settings.allowedCertificateAuthorityArns())
        .containsExactly(
            "arn:aws:acm-pca:us-west-2:111122223333:certificate-authority/a",
            "arn:aws:acm-pca:us-west-2:111122223333:certificate-authority/b");
    assertThat(OperatorSettings.from(TestConfig.valid()).allowedCertificateAuthorityArns())
        .isEmpty();
  }

  @Test
  void allowedCertificateAuthorityThatIsNotAnArnIsRejected() {
    assertThatThrownBy(
            () ->
                OperatorSettings.from(
                    TestConfig.valid().withAllowedCertificateAuthorityArns("my-private-ca")))
        .hasMessageContaining(
            "elbv2.allowed-certificate-authority-arns: 'my-private-ca' is not an ARN");
  }

  @Test
  void failedReconciliationsBackOffToTheGoControllersThousandSecondsByDefault() {
    var settings = ValidSettings.with(Map.of());

    assertThat(settings.serviceMaxExponentialBackoffDelay()).isEqualTo(Duration.ofSeconds(1000));
    assertThat(settings.ingressMaxExponentialBackoffDelay()).isEqualTo(Duration.ofSeconds(1000));
    assertThat(settings.targetGroupBindingMaxExponentialBackoffDelay())
        .isEqualTo(Duration.ofSeconds(1000));
  }

  @Test
  void backoffCapsTakeTheGoControllersFlagNameAndDurationSyntax() {
    var settings =
        ValidSettings.with(
            Map.of(
                "elbv2.targetgroupbinding-max-exponential-backoff-delay", "16m40s",
                "elbv2.service-max-exponential-backoff-delay", "30s",
                "elbv2.ingress-max-exponential-backoff-delay", "2m"));

    assertThat(settings.targetGroupBindingMaxExponentialBackoffDelay())
        .isEqualTo(Duration.ofSeconds(1000));
    assertThat(settings.serviceMaxExponentialBackoffDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.ingressMaxExponentialBackoffDelay()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void backoffCapsBelowASecondAreRejected() {
    var config =
        ValidSettings.config(
            Map.of(
                "elbv2.service-max-exponential-backoff-delay", "500ms",
                "elbv2.ingress-max-exponential-backoff-delay", "0s",
                "elbv2.targetgroupbinding-max-exponential-backoff-delay", "10ms"));

    assertThatThrownBy(() -> OperatorSettings.from(config))
        .hasMessageContaining("elbv2.service-max-exponential-backoff-delay: must be at least 1s")
        .hasMessageContaining("elbv2.ingress-max-exponential-backoff-delay: must be at least 1s")
        .hasMessageContaining(
            "elbv2.targetgroupbinding-max-exponential-backoff-delay: must be at least 1s");
  }
}
