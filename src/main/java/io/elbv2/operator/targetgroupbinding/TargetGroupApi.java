package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidTargetException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The ELBv2 calls a binding makes: find its target group, read, register and deregister its
 * targets.
 */
@ApplicationScoped
public class TargetGroupApi {

  /** Targets per RegisterTargets / DeregisterTargets call. */
  static final int BATCH = 200;

  private final ElasticLoadBalancingV2Client elbv2;
  private final MeterRegistry registry;

  TargetGroupApi(ElasticLoadBalancingV2Client elbv2, MeterRegistry registry) {
    this.elbv2 = elbv2;
    this.registry = registry;
  }

  /** The binding's target group, by ARN or else by name. */
  public TargetGroup find(TargetGroupBindingSpec spec) {
    return find(spec, null);
  }

  /**
   * As {@link #find(TargetGroupBindingSpec)}, with settings of its own for the call (timeouts, see
   * {@link io.elbv2.operator.aws.DeadlineCalls}); {@code null} for the client's.
   */
  public TargetGroup find(TargetGroupBindingSpec spec, AwsRequestOverrideConfiguration call) {
    var name = spec.targetGroupARN() != null ? spec.targetGroupARN() : spec.targetGroupName();
    try {
      var response =
          spec.targetGroupARN() != null
              ? elbv2.describeTargetGroups(
                  r -> r.targetGroupArns(spec.targetGroupARN()).overrideConfiguration(call))
              : elbv2.describeTargetGroups(
                  r -> r.names(spec.targetGroupName()).overrideConfiguration(call));
      var group = response.targetGroups().get(0);
      return new TargetGroup(
          group.targetGroupArn(),
          group.targetGroupName(),
          "instance".equals(group.targetTypeAsString()) ? TargetType.INSTANCE : TargetType.IP,
          group.protocolAsString(),
          group.vpcId(),
          "ipv6".equals(group.ipAddressTypeAsString()));
    } catch (TargetGroupNotFoundException e) {
      throw new BindingProblem("TargetGroupNotFound", "target group " + name + " does not exist");
    }
  }

  /**
   * Targets registered now, with their health, from one DescribeTargetHealth call; those draining
   * are already on their way out and count as gone.
   */
  public Map<Target, TargetHealth> registered(String targetGroupArn) {
    var targets = new TreeMap<Target, TargetHealth>();
    for (var health :
        elbv2
            .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
            .targetHealthDescriptions()) {
      if (health.targetHealth() != null
          && health.targetHealth().state() == TargetHealthStateEnum.DRAINING) {
        continue;
      }
      var target = health.target();
      targets.put(
          Target.of(target.id(), target.port() == null ? 0 : target.port()),
          health.targetHealth() == null
              ? TargetHealth.builder().state(TargetHealthStateEnum.UNAVAILABLE).build()
              : health.targetHealth());
    }
    return targets;
  }

  public void register(String targetGroupArn, Collection<Target> targets) {
    for (var batch : batches(targets)) {
      elbv2.registerTargets(r -> r.targetGroupArn(targetGroupArn).targets(descriptions(batch)));
      count("register", batch.size());
    }
  }

  public void deregister(String targetGroupArn, Collection<Target> targets) {
    for (var batch : batches(targets)) {
      try {
        elbv2.deregisterTargets(r -> r.targetGroupArn(targetGroupArn).targets(descriptions(batch)));
      } catch (InvalidTargetException e) {
        // Someone else removed one of them meanwhile: remove the rest one by one.
        for (var target : batch) {
          deregisterIfPresent(targetGroupArn, target);
        }
      }
      count("deregister", batch.size());
    }
  }

  private void deregisterIfPresent(String targetGroupArn, Target target) {
    try {
      elbv2.deregisterTargets(
          r -> r.targetGroupArn(targetGroupArn).targets(descriptions(List.of(target))));
    } catch (InvalidTargetException gone) {
      // already deregistered
    }
  }

  private void count(String operation, int targets) {
    registry
        .counter("targetgroupbinding.target.changes", "operation", operation)
        .increment(targets);
    registry.counter("targetgroupbinding.target.change.calls", "operation", operation).increment();
  }

  private static List<TargetDescription> descriptions(Collection<Target> targets) {
    return targets.stream()
        .map(t -> TargetDescription.builder().id(t.id()).port(t.port()).build())
        .toList();
  }

  private static List<List<Target>> batches(Collection<Target> targets) {
    var all = new ArrayList<>(targets);
    var batches = new ArrayList<List<Target>>();
    for (int start = 0; start < all.size(); start += BATCH) {
      batches.add(all.subList(start, Math.min(all.size(), start + BATCH)));
    }
    return batches;
  }
}
