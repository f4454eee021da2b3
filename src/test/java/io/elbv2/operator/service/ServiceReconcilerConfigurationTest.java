package io.elbv2.operator.service;

import static io.elbv2.operator.testing.OverriddenConfiguration.assertRetriesWithoutLimitUpTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.testing.OverriddenConfiguration;
import io.elbv2.operator.testing.ValidSettings;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceReconcilerConfigurationTest {

  @Test
  void failedServicesAreTriedAgainWithoutLimitAndNoServiceWaitsLongerThanTheCap() {
    var settings = ValidSettings.with(Map.of("elbv2.service-max-exponential-backoff-delay", "90s"));

    var config =
        OverriddenConfiguration.of(
            new ServiceReconciler(settings, null, null, null, null),
            Service.class,
            ServiceReconciler.NAME);

    assertRetriesWithoutLimitUpTo(config, Duration.ofSeconds(90));
    assertThat(config.maxReconciliationInterval()).contains(Duration.ofSeconds(90));
  }
}
