package io.elbv2.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.targetgroupbinding.BindingProblem;
import io.elbv2.operator.targetgroupbinding.TargetGroup;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.IpAddressType;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.ServiceReference;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.webhook.AdmissionReviews.PatchOperation;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetGroupBindingAdmissionTest {

  private static final String ARN =
      "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:targetgroup/web/0123";
  private static final TargetGroup GROUP =
      new TargetGroup(ARN, "web", TargetType.IP, "TCP", "vpc-0cluster0000000a", false);
  private static final TargetGroupBindingAdmission ADMISSION =
      new TargetGroupBindingAdmission(spec -> GROUP, Optional.of("vpc-0cluster0000000a"));

  @Test
  void mutatorFillsEverythingTheTargetGroupKnows() {
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
  void mutatorLeavesWhatTheUserGaveAlone() {
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
  void mutatorLeavesTheVpcOfATargetGroupElsewhereForTheUserToConfirm() {
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
            "TargetGroupBinding update may not change these fields: spec.targetGroupARN,spec.targetType");
  }

  @Test
  void otherChangesAreAllowed() {
    var old = spec(ARN, null, TargetType.IP, IpAddressType.IPV4, "vpc-0cluster0000000a");

    assertThat(ADMISSION.refuseUpdate(old, old)).isEmpty();
  }

  @Test
  void targetTypeThatContradictsTheTargetGroupIsRefused() {
    assertThat(ADMISSION.refuseCreate(spec(ARN, null, TargetType.INSTANCE, null, null)))
        .contains("spec.targetType instance does not match the target group's ip");
  }

  @Test
  void targetGroupInAnotherVpcNeedsAnExplicitVpcId() {
    var elsewhere = new TargetGroup(ARN, "web", TargetType.IP, "TCP", "vpc-0other00000000b", false);
    var admission =
        new TargetGroupBindingAdmission(spec -> elsewhere, Optional.of("vpc-0cluster0000000a"));

    assertThat(admission.refuseCreate(spec(ARN, null, null, null, null)))
        .contains(
            "target group web is in VPC vpc-0other00000000b, not the cluster's VPC vpc-0cluster0000000a; set"
                + " spec.vpcID to bind it");
    assertThat(admission.refuseCreate(spec(ARN, null, null, null, "vpc-0other00000000b")))
        .isEmpty();
  }

  @Test
  void missingTargetGroupIsRefusedWithTheReason() {
    var admission =
        new TargetGroupBindingAdmission(
            spec -> {
              throw new BindingProblem(
                  "TargetGroupNotFound", "target group " + ARN + " does not exist");
            },
            Optional.empty());

    assertThat(admission.refuseCreate(spec(ARN, null, null, null, null)))
        .contains("target group " + ARN + " does not exist");
  }

  private static TargetGroupBindingSpec spec(
      String arn, String name, TargetType type, IpAddressType ipType, String vpc) {
    return new TargetGroupBindingSpec(arn, name, null, type, ref(), null, null, ipType, vpc, null);
  }

  private static ServiceReference ref() {
    return new ServiceReference("web", new IntOrString(80));
  }
}
