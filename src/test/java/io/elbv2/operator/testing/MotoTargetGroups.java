package io.elbv2.operator.testing;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Target groups made outside Kubernetes, as Terraform would, and what moto says is registered in
 * them.
 */
public record MotoTargetGroups(ElasticLoadBalancingV2Client elbv2, String vpcId) {

  public String create(TargetTypeEnum type) {
    var name = "tg-" + UUID.randomUUID().toString().substring(0, 8);
    return elbv2
        .createTargetGroup(
            r -> r.name(name).protocol(ProtocolEnum.TCP).port(80).vpcId(vpcId).targetType(type))
        .targetGroups()
        .get(0)
        .targetGroupArn();
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

  public void delete(String arn) {
    elbv2.deleteTargetGroup(r -> r.targetGroupArn(arn));
  }
}
