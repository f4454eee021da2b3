package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.model.OwnershipTags;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

class OwnedResourceIndexTest {

  private static final String ARN = "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/net/a/1";
  private static final String NAME = "k8s-web-nginx-0123456789";

  private final OwnedResourceIndex index =
      new OwnedResourceIndex(
          new NoCalls(), "prod", new StackKind(OwnershipTags.SERVICE, stack -> Optional.empty()));

  @Test
  void objectOfTheStacksNameTaggedForThisClusterOnlyIsAdoptable() {
    index.remember(ARN, Map.of(OwnershipTags.CLUSTER, "prod"));

    assertThat(index.adoptableByName("load balancer", NAME, ARN, "web/nginx"))
        .isEqualTo(Map.of(OwnershipTags.CLUSTER, "prod"));
  }

  @Test
  void objectOfTheStacksNameNotTaggedForThisClusterIsRefusedByName() {
    index.remember(ARN, Map.of(OwnershipTags.CLUSTER, "staging"));

    assertThatThrownBy(() -> index.adoptableByName("load balancer", NAME, ARN, "web/nginx"))
        .isInstanceOf(NameTakenException.class)
        .hasMessageStartingWith("load balancer " + NAME + " exists and is not tagged")
        .hasMessageContaining("elbv2.k8s.aws/cluster=prod");
  }

  @Test
  void objectOfTheStacksNameThatAnotherStackHoldsIsRefused() {
    index.remember(
        ARN, Map.of(OwnershipTags.CLUSTER, "prod", "service.k8s.aws/stack", "web/other"));

    assertThatThrownBy(() -> index.adoptableByName("target group", NAME, ARN, "web/nginx"))
        .isInstanceOf(NameTakenException.class)
        .hasMessageContaining("belongs to the stack web/other");
  }

  /** Every tag the tests use is remembered: no AWS call is expected. */
  private static final class NoCalls implements ElasticLoadBalancingV2Client {
    @Override
    public String serviceName() {
      return "elasticloadbalancing";
    }

    @Override
    public void close() {}
  }
}
