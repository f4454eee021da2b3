package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.api.TargetGroupBinding;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingSpecChangedTest {

  private final BindingSpecChanged filter = new BindingSpecChanged();

  @Test
  void statusAndCheckpointWritesDoNotReachTheStack() {
    var before = binding(3L, Map.of());
    var after = binding(3L, Map.of("elbv2.k8s.aws/checkpoint", "abc"));

    assertThat(filter.accept(after, before)).isFalse();
  }

  @Test
  void specChangeAndDeletionReachTheStack() {
    var before = binding(3L, Map.of());
    var deleting = binding(3L, Map.of());
    deleting.getMetadata().setDeletionTimestamp("2026-11-25T16:00:00Z");

    assertThat(filter.accept(binding(4L, Map.of()), before)).isTrue();
    assertThat(filter.accept(deleting, before)).isTrue();
  }

  private static TargetGroupBinding binding(long generation, Map<String, String> annotations) {
    var binding = new TargetGroupBinding();
    binding.setMetadata(
        new ObjectMetaBuilder()
            .withName("web")
            .withNamespace("default")
            .withGeneration(generation)
            .withAnnotations(annotations)
            .withLabels(Map.of(BindingsDependent.SERVICE_STACK_NAME, "web"))
            .build());
    return binding;
  }
}
