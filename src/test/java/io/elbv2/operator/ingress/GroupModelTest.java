package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbModelBuilderTest.CONTEXT;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.ingress;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.path;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ModelBuildException;
import io.elbv2.operator.model.RuleSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GroupModelTest {

  private static final String GROUP = "shop";

  private final Ingress web = member("web", Map.of(), "web.example.com", "web");
  private final Ingress api = member("api", Map.of(), "api.example.com", "api");
  private final Ingress badNew =
      member(
          "bad",
          Map.of("alb.ingress.kubernetes.io/healthcheck-interval-seconds", "many"),
          "bad.example.com",
          "admin");

  @Test
  void aNewMemberWithABadAnnotationIsLeftOutAndTheRestOfTheGroupIsBuilt() {
    var model = build(List.of(web, badNew, api), Set.of());

    assertThat(model.stack()).isPresent();
    assertThat(model.stack().get().rules()).extracting(RuleSpec::priority).containsExactly(1, 2);
    assertThat(model.stack().get().rules().toString())
        .contains("api.example.com", "web.example.com")
        .doesNotContain("bad.example.com");
    assertThat(model.refused()).containsOnlyKeys(badNew);
    assertThat(model.refused().get(badNew))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith("alb.ingress.kubernetes.io/healthcheck-interval-seconds: ");
    assertThat(model.retry()).isEmpty();
  }

  @Test
  void aNewMemberTheBuilderFailsOnUnexpectedlyIsLeftOutForARetryAndTheRestIsBuilt() {
    var broken = member("broken", Map.of(), "broken.example.com", "broken");

    var model =
        GroupModel.build(GROUP, List.of(web, broken, api), FAILING_ON_BROKEN, CONTEXT, m -> false);

    assertThat(model.stack()).isPresent();
    assertThat(model.stack().get().rules().toString())
        .contains("api.example.com", "web.example.com")
        .doesNotContain("broken.example.com");
    assertThat(model.stack().get().targetGroups()).hasSize(2);
    assertThat(model.refused()).containsOnlyKeys(broken);
    assertThat(model.refused().get(broken)).isInstanceOf(IllegalStateException.class);
    assertThat(model.retry())
        .get()
        .satisfies(
            e -> {
              assertThat(e).hasMessage("in shop/broken: IllegalStateException: lookup failed");
              assertThat(e.getCause()).isSameAs(model.refused().get(broken));
            });
  }

  @Test
  void aServedMemberTheBuilderFailsOnUnexpectedlyHoldsTheGroupAndIsNamed() {
    var broken = member("broken", Map.of(), "broken.example.com", "broken");

    assertThatThrownBy(
            () ->
                GroupModel.build(
                    GROUP, List.of(web, broken), FAILING_ON_BROKEN, CONTEXT, broken::equals))
        .isInstanceOf(ModelBuildException.class)
        .hasMessage("in shop/broken: IllegalStateException: lookup failed")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aNewMemberWithAPortTheServiceDoesNotHaveIsLeftOut() {
    var wrongPort =
        ingress(
            "shop",
            "wrong-port",
            Map.of(IngressGroup.NAME, GROUP),
            rule("wrong.example.com", path("/", "Prefix", "web", 81)));

    var model = build(List.of(web, wrongPort), Set.of());

    assertThat(model.stack()).isPresent();
    assertThat(model.refused()).containsOnlyKeys(wrongPort);
    assertThat(model.refused().get(wrongPort).getMessage()).contains("81");
  }

  @Test
  void aServedMemberThatTurnsBadHoldsTheWholeGroupAndIsNamed() {
    assertThatThrownBy(() -> build(List.of(web, badNew), Set.of(badNew)))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageContaining("in shop/bad")
        .hasMessageContaining("healthcheck-interval-seconds");
  }

  @Test
  void membersThatConflictHoldTheGroup() {
    var internetFacing =
        member(
            "public",
            Map.of(AlbAnnotations.SCHEME, "internet-facing"),
            "public.example.com",
            "web");
    var internal =
        member("private", Map.of(AlbAnnotations.SCHEME, "internal"), "private.example.com", "api");

    assertThatThrownBy(() -> build(List.of(internetFacing, internal), Set.of()))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageContaining(AlbAnnotations.SCHEME);
  }

  @Test
  void aGroupOfOnlyBadNewMembersHasNoStack() {
    var model = build(List.of(badNew), Set.of());

    assertThat(model.stack()).isEmpty();
    assertThat(model.refused()).containsOnlyKeys(badNew);
  }

  /** The cluster's Services, but looking up {@code shop/broken} fails as a bug would. */
  private static final Function<String, Optional<Service>> FAILING_ON_BROKEN =
      key -> {
        if (key.equals("shop/broken")) {
          throw new IllegalStateException("lookup failed");
        }
        return AlbModelBuilderTest.serviceOf(key);
      };

  private static GroupModel build(List<Ingress> members, Set<Ingress> served) {
    return GroupModel.build(
        GROUP, members, AlbModelBuilderTest::serviceOf, CONTEXT, served::contains);
  }

  private static Ingress member(
      String name, Map<String, String> annotations, String host, String service) {
    var all = new java.util.HashMap<>(annotations);
    all.put(IngressGroup.NAME, GROUP);
    return ingress("shop", name, all, rule(host, path("/", "Prefix", service, 80)));
  }
}
