package io.elbv2.operator.ingress;

import static io.elbv2.operator.testing.OverriddenConfiguration.assertRetriesWithoutLimitUpTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.testing.OverriddenConfiguration;
import io.elbv2.operator.testing.ValidSettings;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngressReconcilerConfigurationTest {

  @Test
  void failedIngressesAreTriedAgainWithoutLimitAndNoIngressWaitsLongerThanTheCap() {
    var settings = ValidSettings.with(Map.of("elbv2.ingress-max-exponential-backoff-delay", "2m"));

    var config =
        OverriddenConfiguration.of(
            new IngressReconciler(null, null, null, null, null, settings, null, null),
            Ingress.class,
            IngressReconciler.NAME);

    assertRetriesWithoutLimitUpTo(config, Duration.ofMinutes(2));
    assertThat(config.maxReconciliationInterval()).contains(Duration.ofMinutes(2));
  }
}
