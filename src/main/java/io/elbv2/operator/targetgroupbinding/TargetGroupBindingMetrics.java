package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBinding;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code targetgroupbinding_registered_targets{namespace,name}}: targets each binding has in its
 * target group; {@code awslbc_readiness_gate_ready_seconds{namespace,name}}: how long its pods took
 * from creation to a True readiness gate, in the Go controller's buckets.
 */
@ApplicationScoped
public class TargetGroupBindingMetrics {

  private static final Duration[] READINESS_BUCKETS =
      java.util.stream.IntStream.of(10, 30, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600)
          .mapToObj(Duration::ofSeconds)
          .toArray(Duration[]::new);

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> registered = new ConcurrentHashMap<>();

  TargetGroupBindingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void registeredTargets(TargetGroupBinding binding, int count) {
    registered
        .computeIfAbsent(
            TargetGroupBindingReconciler.key(binding),
            key -> {
              var value = new AtomicInteger();
              Gauge.builder("targetgroupbinding.registered.targets", value, AtomicInteger::get)
                  .description("Targets registered by a TargetGroupBinding")
                  .tags(
                      "namespace",
                      binding.getMetadata().getNamespace(),
                      "name",
                      binding.getMetadata().getName())
                  .register(registry);
              return value;
            })
        .set(count);
  }

  void readinessGateReady(TargetGroupBinding binding, Duration sinceCreation) {
    Timer.builder("awslbc.readiness.gate.ready")
        .description(
            "Time from a pod's creation until its readiness gate turned True as its target became"
                + " healthy")
        .tags(
            "namespace",
            binding.getMetadata().getNamespace(),
            "name",
            binding.getMetadata().getName())
        .serviceLevelObjectives(READINESS_BUCKETS)
        .register(registry)
        .record(sinceCreation.isNegative() ? Duration.ZERO : sinceCreation);
  }

  void forget(TargetGroupBinding binding) {
    var value = registered.remove(TargetGroupBindingReconciler.key(binding));
    if (value != null) {
      registry
          .find("targetgroupbinding.registered.targets")
          .tags(
              "namespace",
              binding.getMetadata().getNamespace(),
              "name",
              binding.getMetadata().getName())
          .meters()
          .forEach(registry::remove);
    }
  }
}
