package io.elbv2.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.IpAddressType;
import io.elbv2.operator.api.TargetGroupBindingSpec.ServiceReference;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.targetgroupbinding.BindingProblem;
import io.elbv2.operator.targetgroupbinding.TargetGroup;
import io.elbv2.operator.webhook.AdmissionReviews.PatchOperation;
import io.elbv2.operator.webhook.TargetGroupBindingAdmission.Denial;
import io.elbv2.operator.webhook.TargetGroupBindingAdmission.Denied;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;

class TargetGroupBindingAdmissionTest {

  private static final String ARN =
      "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:targetgroup/web/0123";
  private static final TargetGroup GROUP =
      new TargetGroup(ARN, "web", TargetType.IP, "TCP", "vpc-0cluster0000000a", false);
  private static final TargetGroupBindingAdmission ADMISSION =
      new TargetGroupBindingAdmission(spec -> GROUP, Optional.of("vpc-0cluster0000000a"));

  @Test
  void mutatorFillsEverythingTheTargetGroupKnows() throws Exception {
    var patch = ADMISSION.defaults(spec(null, "web", null, null, null));

    assertThat(patch)
        .containsExactly(
            new PatchOperation("add", "/spec/targetGroupARN", ARN),
            new PatchOperation("add", "/spec/targetType", "ip"),
            new PatchOperation("add", "/spec/ipAddressType", "ipv4"),
            new PatchOperation("add", "/spec/vpcID", "vpc-0cluster0000000a"),
            new PatchOperation("add", "/spec/targetGroupProtocol", "TCP"));
  }

  @Test
  void mutatorLeavesWhatTheUserGaveAlone() throws Exception {
    var given =
        new TargetGroupBindingSpec(
            ARN,
            null,
            null,
            TargetType.IP,
            ref(),
            null,
            null,
            IpAddressType.IPV4,
            "vpc-0cluster0000000a",
            TargetGroupBindingSpec.TargetGroupProtocol.TCP);

    assertThat(ADMISSION.defaults(given)).isEmpty();
  }

  @Test
  void mutatorLeavesTheVpcOfATargetGroupElsewhereForTheUserToConfirm() throws Exception {
    var elsewhere = new TargetGroup(ARN, "web", TargetType.IP, "TCP", "vpc-0other00000000b", false);
    var admission =
        new TargetGroupBindingAdmission(spec -> elsewhere, Optional.of("vpc-0cluster0000000a"));

    assertThat(admission.defaults(spec(ARN, null, null, null, null)))
        .extracting(PatchOperation::path)
        .doesNotContain("/spec/vpcID");
  }

  @Test
  void changingImmutableFieldsIsRefusedNamingThem() {
    var old = spec(ARN, null, TargetType.IP, IpAddressType.IPV4, "vpc-0cluster0000000a");
    var changed =
        spec(ARN + "x", null, TargetType.INSTANCE, IpAddressType.IPV4, "vpc-0cluster0000000a");

    assertThat(ADMISSION.refuseUpdate(old, changed))
        .contains(
            new Denial(
                "checkImmutableFields",
                "TargetGroupBinding update may not change these fields: spec.targetGroupARN,spec.targetType"));
  }

  @Test
  void otherChangesAreAllowed() {
    var old = spec(ARN, null, TargetType.IP, IpAddressType.IPV4, "vpc-0cluster0000000a");

    assertThat(ADMISSION.refuseUpdate(old, old)).isEmpty();
  }

  @Test
  void targetTypeThatContradictsTheTargetGroupIsRefused() {
    assertThat(ADMISSION.refuseCreate(spec(ARN, null, TargetType.INSTANCE, null, null)))
        .contains(
            new Denial(
                "checkTargetGroup",
                "spec.targetType instance does not match the target group's ip"));
  }

  @Test
  void targetGroupInAnotherVpcNeedsAnExplicitVpcId() {
    var elsewhere = new TargetGroup(ARN, "web", TargetType.IP, "TCP", "vpc-0other00000000b", false);
    var admission =
        new TargetGroupBindingAdmission(spec -> elsewhere, Optional.of("vpc-0cluster0000000a"));

    assertThat(admission.refuseCreate(spec(ARN, null, null, null, null)).map(Denial::message))
        .contains(
            "target group web is in VPC vpc-0other00000000b, not the cluster's VPC vpc-0cluster0000000a; set"
                + " spec.vpcID to bind it");
    assertThat(admission.refuseCreate(spec(ARN, null, null, null, "vpc-0other00000000b")))
        .isEmpty();
  }

  @Test
  void missingTargetGroupIsRefusedWithTheReason() {
    var admission =
        failingWith(
            new BindingProblem("TargetGroupNotFound", "target group " + ARN + " does not exist"));

    assertThat(admission.refuseCreate(spec(ARN, null, null, null, null)))
        .contains(
            new Denial(
                "getTargetGroupFromAWS",
                "target group " + ARN + " does not exist (TargetGroupNotFound)"));
    assertThatThrownBy(() -> admission.defaults(spec(ARN, null, null, null, null)))
        .isInstanceOfSatisfying(
            Denied.class,
            denied ->
                assertThat(denied.denial().message())
                    .isEqualTo("target group " + ARN + " does not exist (TargetGroupNotFound)"));
  }

  @Test
  void throttlingDeniesWithTheTargetGroupAndAwsErrorInsteadOfFailing() {
    var admission = failingWith(awsError("Throttling", "Rate exceeded", 400, 11));
    var expected =
        new Denial(
            "getTargetGroupFromAWS",
            "target group "
                + ARN
                + " could not be read from AWS: Throttling: Rate exceeded (HTTP 400, after 11"
                + " attempts)");

    assertThat(admission.refuseCreate(spec(ARN, null, null, null, null))).contains(expected);
    assertThatThrownBy(() -> admission.defaults(spec(ARN, null, null, null, null)))
        .isInstanceOfSatisfying(
            Denied.class, denied -> assertThat(denied.denial()).isEqualTo(expected));
  }

  @Test
  void aCallOutOfTimeDeniesWithTheSdksReasonAndAwsLastAnswer() {
    var timeout = ApiCallTimeoutException.create(8000);
    timeout.addSuppressed(awsError("ServiceUnavailable", "Service is unavailable", 503, 1));
    var admission = failingWith(timeout);

    assertThat(admission.refuseCreate(spec(null, "web", null, null, null)).map(Denial::message))
        .contains(
            "target group web could not be read from AWS: Client execution did not complete before"
                + " the specified timeout configuration: 8000 millis (last answer:"
                + " ServiceUnavailable: Service is unavailable (HTTP 503))");
  }

  @Test
  void awsOutOfReachDeniesWithTheSdksReason() {
    var admission =
        failingWith(SdkClientException.create("Unable to execute HTTP request: Connect timed out"));

    assertThatThrownBy(() -> admission.defaults(spec(ARN, null, null, null, null)))
        .isInstanceOf(Denied.class)
        .hasMessage(
            "target group "
                + ARN
                + " could not be read from AWS: Unable to execute HTTP request: Connect timed out");
  }

  @Test
  void bindingWithNeitherArnNorNameIsDeniedWithoutAskingAws() {
    var lookUps = new AtomicInteger();
    var admission =
        new TargetGroupBindingAdmission(
            spec -> {
              lookUps.incrementAndGet();
              return GROUP;
            },
            Optional.empty());

    assertThatThrownBy(() -> admission.defaults(spec(null, null, null, null, null)))
        .isInstanceOfSatisfying(
            Denied.class,
            denied ->
                assertThat(denied.denial())
                    .isEqualTo(
                        new Denial(
                            "checkTargetGroupArnOrName",
                            "TargetGroupBinding must set spec.targetGroupARN or"
                                + " spec.targetGroupName")));
    assertThat(admission.refuseCreate(spec(null, null, TargetType.IP, null, null)))
        .map(Denial::check)
        .contains("checkRequiredFields");
    assertThat(lookUps).hasValue(0);
  }

  private static TargetGroupBindingSpec spec(
      String arn, String name, TargetType type, IpAddressType ipType, String vpc) {
    return new TargetGroupBindingSpec(arn, name, null, type, ref(), null, null, ipType, vpc, null);
  }

  private static TargetGroupBindingAdmission failingWith(RuntimeException failure) {
    Function<TargetGroupBindingSpec, TargetGroup> lookUp =
        spec -> {
          throw failure;
        };
    return new TargetGroupBindingAdmission(lookUp, Optional.of("vpc-0cluster0000000a"));
  }

  static SdkException awsError(String code, String message, int status, int attempts) {
    return ElasticLoadBalancingV2Exception.builder()
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName("ElasticLoadBalancingV2")
                .build())
        .statusCode(status)
        .numAttempts(attempts)
        .message(message)
        .build();
  }

  private static ServiceReference ref() {
    return new ServiceReference("web", new IntOrString(80));
  }
}
