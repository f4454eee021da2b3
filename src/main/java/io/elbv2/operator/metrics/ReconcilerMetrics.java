package io.elbv2.operator.metrics;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import jakarta.inject.Singleton;
import java.util.function.Consumer;

/**
 * Sends the framework's reconciliation metrics (started, succeeded, failed, retried, duration,
 * queue, per controller) to the Prometheus registry; without this they are not recorded at all.
 */
@Singleton
public class ReconcilerMetrics implements ConfigurationServiceCustomizer {

  private final MeterRegistry registry;

  ReconcilerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Consumer<ConfigurationServiceOverrider> overrider() {
    return overrider -> overrider.withMetrics(MicrometerMetricsV2.newBuilder(registry).build());
  }
}
