package io.elbv2.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTagsTest {

  @Test
  void aNamespacedStackLabelsItsBindingsWithNamespaceAndName() {
    var labels = OwnershipTags.SERVICE.bindingLabels("shop/web");

    assertThat(labels)
        .isEqualTo(
            Map.of("service.k8s.aws/stack-namespace", "shop", "service.k8s.aws/stack-name", "web"));
    assertThat(OwnershipTags.SERVICE.stackIdOf(labels)).contains("shop/web");
  }

  @Test
  void anExplicitIngressGroupLabelsItsBindingsWithTheGroupName() {
    var labels = OwnershipTags.INGRESS.bindingLabels("shop");

    assertThat(labels).isEqualTo(Map.of("ingress.k8s.aws/stack", "shop"));
    assertThat(OwnershipTags.INGRESS.stackIdOf(labels)).contains("shop");
    assertThat(OwnershipTags.INGRESS.stackKey()).isEqualTo("ingress.k8s.aws/stack");
    assertThat(OwnershipTags.INGRESS.resourceKey()).isEqualTo("ingress.k8s.aws/resource");
  }

  @Test
  void bindingsOfAnotherKindOrUnlabelledBelongToNoStack() {
    assertThat(OwnershipTags.SERVICE.stackIdOf(Map.of("ingress.k8s.aws/stack", "shop"))).isEmpty();
    assertThat(OwnershipTags.SERVICE.stackIdOf(null)).isEmpty();
  }
}
