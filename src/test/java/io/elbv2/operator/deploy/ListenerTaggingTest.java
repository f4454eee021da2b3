package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListenerTaggingTest {

  private static final Map<String, String> STACK =
      Map.of("elbv2.k8s.aws/cluster", "demo", "service.k8s.aws/stack", "ns/web", "team", "edge");

  @Test
  void listenersAreMadeWithTheStackTagsAndKeptAsTheStackChanges() {
    var tagging = new ListenerTagging(true, Set.of("billing"));
    var current =
        Map.of(
            "elbv2.k8s.aws/cluster", "demo",
            "service.k8s.aws/stack", "ns/web",
            "team", "web",
            "retired", "yes",
            "billing", "finance",
            "aws:cloudformation:stack-name", "s");

    var changes = tagging.changes(current, STACK);

    assertThat(tagging.atCreation(STACK)).isEqualTo(STACK);
    assertThat(changes.toAdd()).isEqualTo(Map.of("team", "edge"));
    assertThat(changes.toRemove()).containsExactly("retired");
  }

  @Test
  void withTheGateOffListenersGetNoTagsAndTheirTagsAreLeftAlone() {
    var tagging = new ListenerTagging(false, Set.of());

    assertThat(tagging.atCreation(STACK)).isEmpty();
    assertThat(tagging.changes(Map.of("retired", "yes"), STACK).none()).isTrue();
  }
}
