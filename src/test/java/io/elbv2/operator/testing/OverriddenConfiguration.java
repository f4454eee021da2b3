package io.elbv2.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.ResolvedControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import java.time.Duration;

/**
 * A controller's configuration after its reconciler's {@code updateConfigurationFrom}, as
 * quarkus-operator-sdk's {@code OperatorProducer} builds it before registering the controller
 * (retry, rate limiter and maximum reconciliation interval are taken from the overridden one).
 */
public final class OverriddenConfiguration {

  private OverriddenConfiguration() {}

  public static <P extends HasMetadata> ControllerConfiguration<P> of(
      ConfigurableReconciler<P> reconciler, Class<P> type, String name) {
    var original =
        new ResolvedControllerConfiguration<P>(
            name,
            false,
            reconciler.getClass().getName(),
            null,
            null,
            null,
            null,
            null,
            null,
            new BaseConfigurationService(),
            InformerConfiguration.builder(type).buildForController(),
            false,
            null);
    var overrider = ControllerConfigurationOverrider.override(original);
    reconciler.updateConfigurationFrom(overrider);
    return overrider.build();
  }

  /**
   * Asserts the Go controller's retry: without limit, from 5 ms doubling up to the cap. The
   * framework's default (5 attempts, then the maximum reconciliation interval) would fail it.
   */
  public static void assertRetriesWithoutLimitUpTo(
      ControllerConfiguration<?> configuration, Duration cap) {
    assertThat(configuration.getRetry())
        .isInstanceOfSatisfying(
            GenericRetry.class,
            retry -> {
              assertThat(retry.getMaxAttempts()).isEqualTo(-1);
              assertThat(retry.getInitialInterval()).isEqualTo(5);
              assertThat(retry.getIntervalMultiplier()).isEqualTo(2);
              assertThat(retry.getMaxInterval()).isEqualTo(cap.toMillis());
            });
  }
}
