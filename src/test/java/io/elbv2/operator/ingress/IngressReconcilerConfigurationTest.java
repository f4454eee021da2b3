package io.elbv2.operator.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.testing.OverriddenConfiguration;
import io.elbv2.operator.testing.ValidSettings;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
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

    assertThat(config.getRetry())
        .isInstanceOfSatisfying(
            GenericRetry.class,
            retry -> {
              assertThat(retry.getMaxAttempts()).isEqualTo(-1);
              assertThat(retry.getInitialInterval()).isEqualTo(5);
              assertThat(retry.getMaxInterval()).isEqualTo(120_000);
            });
    assertThat(config.maxReconciliationInterval()).contains(Duration.ofMinutes(2));
  }
}
