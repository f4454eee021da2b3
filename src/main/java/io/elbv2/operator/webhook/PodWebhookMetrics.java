package io.elbv2.operator.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

/**
 * What the pod webhook did: {@code awslbc_pod_readiness_gate_injections_total} counts pods given
 * readiness gates; {@code awslbc_webhook_mutation_failure_total} counts requests it could not
 * serve, with the Go controller's name and labels. Both are registered at start, at zero.
 */
@Startup
@Singleton
public class PodWebhookMetrics {

  private final Counter injections;
  private final Counter failures;

  PodWebhookMetrics(MeterRegistry registry) {
    injections =
        Counter.builder("awslbc.pod.readiness.gate.injections")
            .description("Pods that got target health readiness gates at creation")
            .register(registry);
    failures =
        Counter.builder("awslbc.webhook.mutation.failure")
            .description("Webhook mutations that failed; the object was admitted unchanged")
            .tags(
                "webhook_name",
                PodReadinessGateWebhook.PATH,
                "error_category",
                "podReadinessGateInjector")
            .register(registry);
  }

  void injected() {
    injections.increment();
  }

  void failed() {
    failures.increment();
  }
}
