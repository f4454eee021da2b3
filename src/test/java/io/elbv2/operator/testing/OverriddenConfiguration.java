package io.elbv2.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.ResolvedControllerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;

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
}
