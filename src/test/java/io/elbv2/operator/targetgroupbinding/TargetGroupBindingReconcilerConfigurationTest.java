package io.elbv2.operator.targetgroupbinding;

import static io.elbv2.operator.testing.OverriddenConfiguration.assertRetriesWithoutLimitUpTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.testing.OverriddenConfiguration;
import io.elbv2.operator.testing.ValidSettings;
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

    assertRetriesWithoutLimitUpTo(config, Duration.ofSeconds(1000));
    assertThat(config.maxReconciliationInterval()).contains(Duration.ofMinutes(10));
  }
}
