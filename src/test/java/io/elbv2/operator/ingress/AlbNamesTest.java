package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbModelBuilderTest.CONTEXT;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.ingress;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.path;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.model.Stack;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The names of a group's objects, against values computed with the Go controller's own formulas
 * (buildLoadBalancerName, buildManagedSecurityGroupName, buildTargetGroupName) for cluster {@code
 * prod}, so that the objects it made are found by name.
 */
class AlbNamesTest {

  @Test
  void anImplicitGroupsObjectsAreNamedAsTheGoControllerNamesThem() {
    var ingress =
        ingress(
            "game-2048",
            "ingress-2048",
            Map.of(
                AlbAnnotations.SCHEME, "internet-facing",
                AlbAnnotations.TARGET_TYPE, "ip"),
            rule(null, path("/", "Prefix", "service-2048", 80)));

    var stack = build("game-2048/ingress-2048", ingress);

    assertThat(stack.loadBalancer().name()).isEqualTo("k8s-game2048-ingress2-2f046088fc");
    assertThat(stack.securityGroups().get(0).name()).isEqualTo("k8s-game2048-ingress2-a06d0cd61d");
    assertThat(stack.targetGroups().get(0).name()).isEqualTo("k8s-game2048-service2-27d21b92f6");
  }

  @Test
  void theSchemeIsPartOfTheLoadBalancersName() {
    var ingress =
        ingress(
            "game-2048",
            "ingress-2048",
            Map.of(AlbAnnotations.TARGET_TYPE, "ip"),
            rule(null, path("/", "Prefix", "service-2048", 80)));

    var stack = build("game-2048/ingress-2048", ingress);

    assertThat(stack.loadBalancer().name()).isEqualTo("k8s-game2048-ingress2-c5eb1402da");
    assertThat(stack.securityGroups().get(0).name()).isEqualTo("k8s-game2048-ingress2-a06d0cd61d");
  }

  /** The group name loses its non-alphanumerics and is cut to 17 characters. */
  @Test
  void anExplicitGroupsObjectsAreNamedAfterTheGroupAsTheGoControllerNamesThem() {
    var ingress =
        ingress(
            "shop",
            "web",
            Map.of(IngressGroup.NAME, "team.shop-frontend-v2"),
            rule(null, path("/", "Prefix", "web", 80)));

    var stack = build("team.shop-frontend-v2", ingress);

    assertThat(stack.loadBalancer().name()).isEqualTo("k8s-teamshopfrontendv-6cca457d40");
    assertThat(stack.securityGroups().get(0).name()).isEqualTo("k8s-teamshopfrontendv-52dd38998d");
    assertThat(stack.targetGroups().get(0).name()).isEqualTo("k8s-shop-web-5f228c745e");
  }

  private static Stack build(String groupId, Ingress... members) {
    return AlbModelBuilder.build(
        IngressGroup.of(groupId, List.of(members)), AlbModelBuilderTest::serviceOf, CONTEXT);
  }
}
