package io.elbv2.operator.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * Requests the TargetGroupBinding webhooks denied, with the Go controller's metrics: {@code
 * awslbc_webhook_mutation_failure_total} and {@code awslbc_webhook_validation_failure_total}, by
 * {@code webhook_name} (the webhook's path) and {@code error_category} (the check that denied, or
 * {@value #DECODE_REQUEST} for a request that could not be read).
 */
@Singleton
public class TargetGroupBindingWebhookMetrics {

  static final String DECODE_REQUEST = "decodeRequest";

  private final MeterRegistry registry;

  TargetGroupBindingWebhookMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void mutationFailed(String check) {
    registry
        .counter(
            "awslbc.webhook.mutation.failure",
            "webhook_name",
            TargetGroupBindingWebhooks.MUTATE_PATH,
            "error_category",
            check)
        .increment();
  }

  void validationFailed(String check) {
    registry
        .counter(
            "awslbc.webhook.validation.failure",
            "webhook_name",
            TargetGroupBindingWebhooks.VALIDATE_PATH,
            "error_category",
            check)
        .increment();
  }
}
