package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.testing.OverriddenConfiguration;
import io.elbv2.operator.testing.ValidSettings;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetGroupBindingReconcilerConfigurationTest {

  @Test
  void failedBindingsAreTriedAgainWithoutLimitUpToTheGoControllersCapAndResyncAsBefore() {
    var settings =
        ValidSettings.with(
            Map.of("elbv2.targetgroupbinding-max-exponential-backoff-delay", "16m40s"));

    var config =
        OverriddenConfiguration.of(
            new TargetGroupBindingReconciler(settings, null, null, null, null, null),
            TargetGroupBinding.class,
            TargetGroupBindingReconciler.NAME);

    assertThat(config.getRetry())
        .isInstanceOfSatisfying(
            GenericRetry.class,
            retry -> {
              assertThat(retry.getMaxAttempts()).isEqualTo(-1);
              assertThat(retry.getInitialInterval()).isEqualTo(5);
              assertThat(retry.getMaxInterval()).isEqualTo(1_000_000);
            });
    assertThat(config.maxReconciliationInterval()).contains(Duration.ofMinutes(10));
  }
}
