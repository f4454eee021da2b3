package io.elbv2.operator.webhook;

import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.IpAddressType;
import io.elbv2.operator.aws.AwsErrors;
import io.elbv2.operator.targetgroupbinding.BindingProblem;
import io.elbv2.operator.targetgroupbinding.TargetGroup;
import io.elbv2.operator.webhook.AdmissionReviews.PatchOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What the TargetGroupBinding webhooks decide, as the Go controller's: the mutator fills what the
 * target group says (ARN from a name, target type, IP address type, VPC, protocol); the validator
 * keeps those fields immutable and refuses target groups outside the binding's VPC. A target group
 * that cannot be read (it does not exist, AWS throttles or fails, the call runs out of time) denies
 * the request with what AWS said, as the Go controller's webhooks deny it.
 *
 * @param clusterVpc the cluster's VPC, when configured
 */
public record TargetGroupBindingAdmission(
    Function<TargetGroupBindingSpec, TargetGroup> targetGroups, Optional<String> clusterVpc) {

  // The checks that deny, by the Go controller's names where it has the same check: the
  // error_category of the webhooks' failure metrics.
  static final String CHECK_ARN_OR_NAME = "checkTargetGroupArnOrName";
  static final String CHECK_REQUIRED_FIELDS = "checkRequiredFields";
  static final String CHECK_IMMUTABLE_FIELDS = "checkImmutableFields";
  static final String CHECK_TARGET_GROUP = "checkTargetGroup";
  static final String GET_TARGET_GROUP = "getTargetGroupFromAWS";

  private static final String ARN_OR_NAME =
      "TargetGroupBinding must set spec.targetGroupARN or spec.targetGroupName";

  /** Why a request is denied, in words for the user, and which check denied it. */
  public record Denial(String check, String message) {}

  /** The mutator cannot fill the binding in: the request is denied. */
  public static final class Denied extends Exception {
    private final transient Denial denial;

    Denied(Denial denial) {
      super(denial.message());
      this.denial = denial;
    }

    public Denial denial() {
      return denial;
    }
  }

  /** JSON patch operations that fill the fields the user left out. */
  public List<PatchOperation> defaults(TargetGroupBindingSpec spec) throws Denied {
    if (spec.targetGroupARN() != null
        && spec.targetType() != null
        && spec.ipAddressType() != null
        && spec.vpcID() != null
        && spec.targetGroupProtocol() != null) {
      return List.of(); // complete already: no AWS call
    }
    if (spec.targetGroupARN() == null && spec.targetGroupName() == null) {
      throw new Denied(new Denial(CHECK_ARN_OR_NAME, ARN_OR_NAME));
    }
    var group = lookUp(spec);
    var patch = new ArrayList<PatchOperation>();
    if (spec.targetGroupARN() == null) {
      patch.add(new PatchOperation("add", "/spec/targetGroupARN", group.arn()));
    }
    if (spec.targetType() == null) {
      patch.add(
          new PatchOperation("add", "/spec/targetType", group.targetType().name().toLowerCase()));
    }
    if (spec.ipAddressType() == null) {
      patch.add(new PatchOperation("add", "/spec/ipAddressType", group.ipv6() ? "ipv6" : "ipv4"));
    }
    // A target group outside the cluster's VPC must be asked for explicitly (spec.vpcID); the
    // validator says so.
    if (spec.vpcID() == null
        && group.vpcId() != null
        && clusterVpc.map(group.vpcId()::equals).orElse(true)) {
      patch.add(new PatchOperation("add", "/spec/vpcID", group.vpcId()));
    }
    if (spec.targetGroupProtocol() == null && group.protocol() != null) {
      patch.add(new PatchOperation("add", "/spec/targetGroupProtocol", group.protocol()));
    }
    return patch;
  }

  /** Why a new binding is refused, if it is. */
  public Optional<Denial> refuseCreate(TargetGroupBindingSpec spec) {
    if (spec.targetGroupARN() == null && spec.targetGroupName() == null) {
      return Optional.of(new Denial(CHECK_REQUIRED_FIELDS, ARN_OR_NAME));
    }
    TargetGroup group;
    try {
      group = lookUp(spec);
    } catch (Denied denied) {
      return Optional.of(denied.denial());
    }
    return mismatch(spec, group).map(message -> new Denial(CHECK_TARGET_GROUP, message));
  }

  private Optional<String> mismatch(TargetGroupBindingSpec spec, TargetGroup group) {
    if (spec.targetType() != null && spec.targetType() != group.targetType()) {
      return Optional.of(
          "spec.targetType "
              + lower(spec.targetType())
              + " does not match the target group's "
              + lower(group.targetType()));
    }
    var ipv6 = spec.ipAddressType() == IpAddressType.IPV6;
    if (spec.ipAddressType() != null && ipv6 != group.ipv6()) {
      return Optional.of(
          "spec.ipAddressType "
              + lower(spec.ipAddressType())
              + " does not match the target group's");
    }
    if (spec.vpcID() != null && group.vpcId() != null && !spec.vpcID().equals(group.vpcId())) {
      return Optional.of(
          "spec.vpcID " + spec.vpcID() + " does not match the target group's VPC " + group.vpcId());
    }
    if (spec.vpcID() == null
        && group.vpcId() != null
        && clusterVpc.isPresent()
        && !clusterVpc.get().equals(group.vpcId())) {
      return Optional.of(
          "target group "
              + group.name()
              + " is in VPC "
              + group.vpcId()
              + ", not the cluster's VPC "
              + clusterVpc.get()
              + "; set spec.vpcID to bind it");
    }
    return Optional.empty();
  }

  /**
   * Why a change is refused, if it is: these fields name what AWS holds and cannot change in place.
   */
  public Optional<Denial> refuseUpdate(TargetGroupBindingSpec old, TargetGroupBindingSpec updated) {
    var changed = new ArrayList<String>();
    if (old.targetGroupARN() != null
        && !Objects.equals(old.targetGroupARN(), updated.targetGroupARN())) {
      changed.add("spec.targetGroupARN");
    }
    if (old.targetType() != null && !Objects.equals(old.targetType(), updated.targetType())) {
      changed.add("spec.targetType");
    }
    if (old.ipAddressType() != null
        && !Objects.equals(old.ipAddressType(), updated.ipAddressType())) {
      changed.add("spec.ipAddressType");
    }
    if (old.vpcID() != null && !Objects.equals(old.vpcID(), updated.vpcID())) {
      changed.add("spec.vpcID");
    }
    return changed.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Denial(
                CHECK_IMMUTABLE_FIELDS,
                "TargetGroupBinding update may not change these fields: "
                    + String.join(",", changed)));
  }

  private TargetGroup lookUp(TargetGroupBindingSpec spec) throws Denied {
    try {
      return targetGroups.apply(spec);
    } catch (BindingProblem problem) {
      throw new Denied(
          new Denial(GET_TARGET_GROUP, problem.getMessage() + " (" + problem.reason() + ")"));
    } catch (SdkException e) {
      var named = spec.targetGroupARN() != null ? spec.targetGroupARN() : spec.targetGroupName();
      throw new Denied(
          new Denial(
              GET_TARGET_GROUP,
              "target group " + named + " could not be read from AWS: " + AwsErrors.describe(e)));
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase();
  }
}
