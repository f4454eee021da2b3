package io.elbv2.operator.testing;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Target groups made outside Kubernetes, as Terraform would, and what moto says is registered in
 * them. {@link #deleteAll()} removes the ones it made.
 */
public record MotoTargetGroups(
    ElasticLoadBalancingV2Client elbv2, String vpcId, List<String> created) {

  public MotoTargetGroups(ElasticLoadBalancingV2Client elbv2, String vpcId) {
    this(elbv2, vpcId, new CopyOnWriteArrayList<>());
  }

  public String create(TargetTypeEnum type) {
    var name = "tg-" + UUID.randomUUID().toString().substring(0, 8);
    var arn =
        elbv2
            .createTargetGroup(
                r -> r.name(name).protocol(ProtocolEnum.TCP).port(80).vpcId(vpcId).targetType(type))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    created.add(arn);
    return arn;
  }

  /** {@code id:port} of every registered target. */
  public Set<String> targets(String arn) {
    return elbv2
        .describeTargetHealth(r -> r.targetGroupArn(arn))
        .targetHealthDescriptions()
        .stream()
        .map(d -> d.target().id() + ":" + d.target().port())
        .collect(Collectors.toSet());
  }

  /** {@code id:port} of the targets moto reports {@code healthy}. */
  public Set<String> healthyTargets(String arn) {
    return elbv2
        .describeTargetHealth(r -> r.targetGroupArn(arn))
        .targetHealthDescriptions()
        .stream()
        .filter(d -> d.targetHealth().state() == TargetHealthStateEnum.HEALTHY)
        .map(d -> d.target().id() + ":" + d.target().port())
        .collect(Collectors.toSet());
  }

  public void delete(String arn) {
    elbv2.deleteTargetGroup(r -> r.targetGroupArn(arn));
  }

  public void deleteAll() {
    for (var arn : created) {
      try {
        delete(arn);
      } catch (TargetGroupNotFoundException gone) {
        // the test deleted it itself
      }
    }
    created.clear();
  }
}
