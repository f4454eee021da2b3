package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TagChangesTest {

  private static final Map<String, String> OWNED =
      Map.of("elbv2.k8s.aws/cluster", "demo", "service.k8s.aws/stack", "ns/web");

  @Test
  void unchangedTagsNeedNoWrite() {
    assertThat(TagChanges.between(OWNED, OWNED, Set.of()).none()).isTrue();
  }

  @Test
  void newAndChangedValuesAreAddedAndDroppedKeysRemoved() {
    var current = with(OWNED, Map.of("team", "a", "old", "x"));
    var wanted = with(OWNED, Map.of("team", "b", "cost-center", "42"));

    var changes = TagChanges.between(current, wanted, Set.of());

    assertThat(changes.toAdd()).isEqualTo(Map.of("team", "b", "cost-center", "42"));
    assertThat(changes.toRemove()).containsExactly("old");
    assertThat(changes.appliedTo(current)).isEqualTo(wanted);
  }

  @Test
  void awsReservedAndExternallyManagedKeysAreLeftAlone() {
    var current = with(OWNED, Map.of("aws:cloudformation:stack-name", "s", "billing", "finance"));
    var wanted = with(OWNED, Map.of("billing", "ignored"));

    var changes = TagChanges.between(current, wanted, Set.of("billing"));

    assertThat(changes.none()).isTrue();
  }

  private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
    var all = new java.util.HashMap<>(a);
    all.putAll(b);
    return all;
  }
}
