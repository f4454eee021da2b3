package io.elbv2.operator.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngressGroupsTest {

  private final Ingresses cache = new Ingresses();
  private final IngressGroups groups = new IngressGroups(new IngressClassification("alb"));

  @BeforeEach
  void watch() {
    groups.watch(cache, name -> Optional.empty(), List::of);
  }

  @Test
  void theOldestMemberLeadsAndANewerOneDoesNotTakeOver() {
    cache.put(ingress("b", "second", "2026-01-02T00:00:00Z", "shop"));
    cache.put(ingress("a", "third", "2026-01-03T00:00:00Z", "shop"));

    assertThat(groups.leaderOf("shop")).contains(new ResourceID("second", "b"));
    assertThat(groups.members("shop")).hasSize(2);
  }

  @Test
  void aDeletedLeaderLeadsUntilItIsLetGoThenTheNextOldestDoes() {
    var first =
        deleting(
            withFinalizer(
                ingress("a", "first", "2026-01-01T00:00:00Z", "shop"),
                "group.ingress.k8s.aws/shop"));
    cache.put(first);
    cache.put(ingress("b", "second", "2026-01-02T00:00:00Z", "shop"));

    assertThat(groups.leaderOf("shop")).contains(new ResourceID("first", "a"));
    assertThat(groups.members("shop"))
        .extracting(i -> i.getMetadata().getName())
        .containsExactly("second");
    assertThat(groups.leaving("shop")).containsExactly(first);

    cache.remove(first);
    assertThat(groups.leaderOf("shop")).contains(new ResourceID("second", "b"));
  }

  @Test
  void anIngressJoinsAGroupOnlyOnceItHasLeftItsOwn() {
    var moving =
        withFinalizer(
            ingress("a", "moving", "2026-01-01T00:00:00Z", "shop"), GroupFinalizers.IMPLICIT);
    cache.put(moving);

    assertThat(groups.groupsOf(moving)).containsExactly("shop", "a/moving");
    assertThat(groups.members("shop")).isEmpty();
    assertThat(groups.leaving("a/moving")).containsExactly(moving);
    assertThat(groups.leaderOf("a/moving")).contains(new ResourceID("moving", "a"));
    assertThat(groups.leaderOf("shop")).isEmpty();

    var moved = ingress("a", "moving", "2026-01-01T00:00:00Z", "shop");
    cache.put(moved);
    assertThat(groups.members("shop")).containsExactly(moved);
  }

  @Test
  void anIngressOfAnotherClassStillHoldingTheFinalizerIsLeavingNotAMember() {
    var other =
        withFinalizer(
            new IngressBuilder(ingress("a", "other", "2026-01-01T00:00:00Z", null))
                .editMetadata()
                .addToAnnotations(IngressClassification.CLASS_ANNOTATION, "nginx")
                .endMetadata()
                .build(),
            GroupFinalizers.IMPLICIT);
    cache.put(other);

    assertThat(groups.concerns(other)).isFalse();
    assertThat(groups.members("a/other")).isEmpty();
    assertThat(groups.leaving("a/other")).containsExactly(other);
  }

  @Test
  void anIngressWithABadGroupNameIsInNoGroup() {
    var bad = ingress("a", "bad", "2026-01-01T00:00:00Z", "Not_Valid");
    cache.put(bad);

    assertThat(groups.groupsOf(bad)).isEmpty();
    assertThat(groups.anyServedBesides("shop")).isTrue();
  }

  private static Ingress ingress(String namespace, String name, String created, String group) {
    var annotations = new HashMap<String, String>();
    annotations.put(IngressClassification.CLASS_ANNOTATION, "alb");
    if (group != null) {
      annotations.put(IngressGroup.NAME, group);
    }
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withCreationTimestamp(created)
        .withAnnotations(annotations)
        .endMetadata()
        .build();
  }

  private static Ingress withFinalizer(Ingress ingress, String finalizer) {
    return new IngressBuilder(ingress)
        .editMetadata()
        .addToFinalizers(finalizer)
        .endMetadata()
        .build();
  }

  private static Ingress deleting(Ingress ingress) {
    return new IngressBuilder(ingress)
        .editMetadata()
        .withDeletionTimestamp("2026-01-05T00:00:00Z")
        .endMetadata()
        .build();
  }

  /** An informer's cache of Ingresses, with its indexes, held in memory. */
  private static final class Ingresses implements IndexerResourceCache<Ingress> {

    private final Map<ResourceID, Ingress> items = new LinkedHashMap<>();
    private final Map<String, Function<Ingress, List<String>>> indexers = new HashMap<>();

    void put(Ingress ingress) {
      items.put(ResourceID.fromResource(ingress), ingress);
    }

    void remove(Ingress ingress) {
      items.remove(ResourceID.fromResource(ingress));
    }

    @Override
    public void addIndexers(Map<String, Function<Ingress, List<String>>> more) {
      indexers.putAll(more);
    }

    @Override
    public List<Ingress> byIndex(String indexName, String key) {
      var found = new ArrayList<Ingress>();
      for (var ingress : items.values()) {
        if (indexers.get(indexName).apply(ingress).contains(key)) {
          found.add(ingress);
        }
      }
      return found;
    }

    @Override
    public Optional<Ingress> get(ResourceID id) {
      return Optional.ofNullable(items.get(id));
    }

    @Override
    public Stream<ResourceID> keys() {
      return items.keySet().stream();
    }

    @Override
    public Stream<Ingress> list(Predicate<Ingress> predicate) {
      return items.values().stream().filter(predicate);
    }

    @Override
    public Stream<Ingress> list(String namespace, Predicate<Ingress> predicate) {
      return list(i -> namespace.equals(i.getMetadata().getNamespace()) && predicate.test(i));
    }
  }
}
