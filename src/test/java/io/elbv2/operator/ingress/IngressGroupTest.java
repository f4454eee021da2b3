package io.elbv2.operator.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngressGroupTest {

  @Test
  void anIngressWithoutAGroupNameIsAGroupOfItsOwn() {
    var ingress = ingress("shop", "web", Map.of());

    assertThat(IngressGroup.idOf(ingress)).isEqualTo("shop/web");
    assertThat(IngressGroup.of("shop/web", List.of(ingress)).implicit()).isTrue();
  }

  @Test
  void membersAreSortedByOrderThenNamespaceAndName() {
    var group =
        IngressGroup.of(
            "shared",
            List.of(
                ingress("b", "web", Map.of(IngressGroup.NAME, "shared")),
                ingress("a", "web", Map.of(IngressGroup.NAME, "shared")),
                ingress(
                    "z", "first", Map.of(IngressGroup.NAME, "shared", IngressGroup.ORDER, "-5")),
                ingress(
                    "a", "last", Map.of(IngressGroup.NAME, "shared", IngressGroup.ORDER, "10"))));

    assertThat(group.implicit()).isFalse();
    assertThat(group.members())
        .extracting(IngressGroup.Member::key)
        .containsExactly("z/first", "a/web", "b/web", "a/last");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Shop, must be at most 63 lowercase",
    "shop_front, must be at most 63 lowercase",
    "-shop, must be at most 63 lowercase",
    "shop., must be at most 63 lowercase",
    "a234567890123456789012345678901234567890123456789012345678901234, must be at most 63"
  })
  void badGroupNameIsRefusedNamingTheAnnotation(String name, String problem) {
    var ingress = ingress("shop", "web", Map.of(IngressGroup.NAME, name));

    assertThatThrownBy(() -> IngressGroup.idOf(ingress))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(IngressGroup.NAME + ": ")
        .hasMessageContaining(problem);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"1001, out of range", "-1001, out of range", "first, is not a number"})
  void badGroupOrderIsRefusedNamingTheAnnotation(String order, String problem) {
    var ingress = ingress("shop", "web", Map.of(IngressGroup.NAME, "g", IngressGroup.ORDER, order));

    assertThatThrownBy(() -> IngressGroup.of("g", List.of(ingress)))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(IngressGroup.ORDER + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void theClassAnnotationDecidesWhenPresentElseTheIngressClassController() {
    var classification = new IngressClassification("alb");
    var albClass =
        new IngressClassBuilder()
            .withNewMetadata()
            .withName("public")
            .endMetadata()
            .withNewSpec()
            .withController(IngressClassification.CONTROLLER)
            .endSpec()
            .build();
    var nginxClass =
        new IngressClassBuilder()
            .withNewMetadata()
            .withName("nginx")
            .endMetadata()
            .withNewSpec()
            .withController("k8s.io/ingress-nginx")
            .endSpec()
            .build();
    var classes = Map.of("public", albClass, "nginx", nginxClass);

    assertThat(
            classification.concerns(
                ingress("a", "b", Map.of(IngressClassification.CLASS_ANNOTATION, "alb")),
                name -> Optional.empty()))
        .isTrue();
    assertThat(
            classification.concerns(
                withClassName(
                    ingress("a", "b", Map.of(IngressClassification.CLASS_ANNOTATION, "nginx")),
                    "public"),
                name -> Optional.ofNullable(classes.get(name))))
        .isFalse();
    assertThat(
            classification.concerns(
                withClassName(ingress("a", "b", Map.of()), "public"),
                name -> Optional.ofNullable(classes.get(name))))
        .isTrue();
    assertThat(
            classification.concerns(
                withClassName(ingress("a", "b", Map.of()), "nginx"),
                name -> Optional.ofNullable(classes.get(name))))
        .isFalse();
    assertThat(
            classification.concerns(
                withClassName(ingress("a", "b", Map.of()), "missing"),
                name -> Optional.ofNullable(classes.get(name))))
        .isFalse();
    assertThat(classification.concerns(ingress("a", "b", Map.of()), name -> Optional.empty()))
        .isFalse();
  }

  @Test
  void anIngressWithoutClassIsServedWhenTheClusterDefaultClassIsAlb() {
    var classification = new IngressClassification("alb");
    var defaultAlb =
        new IngressClassBuilder()
            .withNewMetadata()
            .withName("alb")
            .addToAnnotations(IngressClassification.DEFAULT_CLASS_ANNOTATION, "true")
            .endMetadata()
            .withNewSpec()
            .withController(IngressClassification.CONTROLLER)
            .endSpec()
            .build();
    var otherDefault =
        new IngressClassBuilder(defaultAlb)
            .editMetadata()
            .withName("other")
            .endMetadata()
            .editSpec()
            .withController("k8s.io/ingress-nginx")
            .endSpec()
            .build();
    var classes = Map.of("alb", defaultAlb, "other", otherDefault);
    var withoutClass = ingress("a", "b", Map.of());

    assertThat(
            classification.concerns(
                withoutClass, name -> Optional.ofNullable(classes.get(name)), List.of(defaultAlb)))
        .isTrue();
    // Two defaults: none is the default, as the Go controller refuses to choose.
    assertThat(
            classification.concerns(
                withoutClass,
                name -> Optional.ofNullable(classes.get(name)),
                List.of(defaultAlb, otherDefault)))
        .isFalse();
  }

  private static Ingress ingress(String namespace, String name, Map<String, String> annotations) {
    return AlbModelBuilderTest.ingress(namespace, name, annotations);
  }

  private static Ingress withClassName(Ingress ingress, String className) {
    return new IngressBuilder(ingress).editSpec().withIngressClassName(className).endSpec().build();
  }
}
