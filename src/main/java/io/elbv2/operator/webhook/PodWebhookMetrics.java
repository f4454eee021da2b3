package io.elbv2.operator.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * What the pod webhook did: {@code awslbc_pod_readiness_gate_injections_total} counts pods given
 * readiness gates; {@code awslbc_webhook_mutation_failure_total} counts requests it could not
 * serve, and {@code controller_runtime_webhook_latency_seconds} times each request from its body to
 * its answer, with the Go controller's names, labels and buckets. All are registered at start.
 */
@Startup
@Singleton
public class PodWebhookMetrics {

  /** Prometheus's default histogram buckets, which controller-runtime's webhook latency uses. */
  private static final Duration[] PROMETHEUS_DEFAULT_BUCKETS =
      java.util.stream.DoubleStream.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
          .mapToObj(seconds -> Duration.ofNanos((long) (seconds * 1e9)))
          .toArray(Duration[]::new);

  private final Counter injections;
  private final Counter failures;
  private final Timer latency;

  PodWebhookMetrics(MeterRegistry registry) {
    injections =
        Counter.builder("awslbc.pod.readiness.gate.injections")
            .description("Pods that got target health readiness gates at creation")
            .register(registry);
    failures =
        Counter.builder("awslbc.webhook.mutation.failure")
            .description("Webhook mutations that failed, by webhook and check")
            .tags(
                "webhook_name",
                PodReadinessGateWebhook.PATH,
                "error_category",
                "podReadinessGateInjector")
            .register(registry);
    latency =
        Timer.builder("controller.runtime.webhook.latency")
            .description("Time the webhook took to answer an admission request")
            .tags("webhook", PodReadinessGateWebhook.PATH)
            .serviceLevelObjectives(PROMETHEUS_DEFAULT_BUCKETS)
            .register(registry);
  }

  Timer.Sample started() {
    return Timer.start();
  }

  void answered(Timer.Sample sample) {
    sample.stop(latency);
  }

  void injected() {
    injections.increment();
  }

  void failed() {
    failures.increment();
  }
}
