package io.elbv2.operator.webhook;

import io.elbv2.operator.targetgroupbinding.BindingProblem;
import io.elbv2.operator.targetgroupbinding.TargetGroup;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.IpAddressType;
import io.elbv2.operator.webhook.AdmissionReviews.PatchOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the TargetGroupBinding webhooks decide, as the Go controller's: the mutator fills what the
 * target group says (ARN from a name, target type, IP address type, VPC, protocol); the validator
 * keeps those fields immutable and refuses target groups outside the binding's VPC.
 *
 * @param clusterVpc the cluster's VPC, when configured
 */
public record TargetGroupBindingAdmission(
    Function<TargetGroupBindingSpec, TargetGroup> targetGroups, Optional<String> clusterVpc) {

  /** JSON patch operations that fill the fields the user left out. */
  public List<PatchOperation> defaults(TargetGroupBindingSpec spec) {
    if (spec.targetGroupARN() != null
        && spec.targetType() != null
        && spec.ipAddressType() != null
        && spec.vpcID() != null
        && spec.targetGroupProtocol() != null) {
      return List
          .of(); // complete already: no AWS call, as for every update the operator itself makes
    }
    var group = targetGroups.apply(spec);
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
  public Optional<String> refuseCreate(TargetGroupBindingSpec spec) {
    TargetGroup group;
    try {
      group = targetGroups.apply(spec);
    } catch (BindingProblem problem) {
      return Optional.of(problem.getMessage());
    }
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
  public Optional<String> refuseUpdate(TargetGroupBindingSpec old, TargetGroupBindingSpec updated) {
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
            "TargetGroupBinding update may not change these fields: " + String.join(",", changed));
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase();
  }
}
