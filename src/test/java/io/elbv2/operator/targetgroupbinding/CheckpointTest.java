package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.ServiceReference;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointTest {

  private static final TargetGroupBindingSpec SPEC =
      new TargetGroupBindingSpec(
          "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:targetgroup/web/abc",
          null,
          null,
          TargetType.IP,
          new ServiceReference("web", new IntOrString(80)),
          null,
          null,
          null,
          null,
          null);
  private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
  private static final Duration RESYNC = Duration.ofMinutes(10);

  @Test
  void sameSpecAndTargetsInAnyOrderGiveTheSameCheckpoint() {
    var a = Checkpoint.of(SPEC, List.of(Target.of("10.0.0.1", 80), Target.of("10.0.0.2", 80)));
    var b = Checkpoint.of(SPEC, List.of(Target.of("10.0.0.2", 80), Target.of("10.0.0.1", 80)));

    assertThat(a).isEqualTo(b);
  }

  @Test
  void anotherTargetChangesTheCheckpoint() {
    assertThat(Checkpoint.of(SPEC, List.of(Target.of("10.0.0.1", 80))))
        .isNotEqualTo(Checkpoint.of(SPEC, List.of(Target.of("10.0.0.1", 81))));
  }

  @Test
  void checkpointIsCurrentOnlyWhileYoungerThanTheResyncPeriod() {
    var checkpoint = Checkpoint.of(SPEC, List.of(Target.of("10.0.0.1", 80)));
    var fresh = annotations(checkpoint.digest(), NOW.minusSeconds(60));
    var stale = annotations(checkpoint.digest(), NOW.minus(RESYNC).minusSeconds(1));
    var other = annotations("something-else", NOW);

    assertThat(checkpoint.isCurrent(fresh, NOW, RESYNC)).isTrue();
    assertThat(checkpoint.isCurrent(stale, NOW, RESYNC)).isFalse();
    assertThat(checkpoint.isCurrent(other, NOW, RESYNC)).isFalse();
    assertThat(checkpoint.isCurrent(null, NOW, RESYNC)).isFalse();
  }

  private static Map<String, String> annotations(String digest, Instant written) {
    return Map.of(
        Checkpoint.ANNOTATION,
        digest,
        Checkpoint.TIMESTAMP_ANNOTATION,
        Long.toString(written.getEpochSecond()));
  }
}
