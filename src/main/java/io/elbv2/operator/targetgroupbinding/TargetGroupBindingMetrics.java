package io.elbv2.operator.targetgroupbinding;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code targetgroupbinding_registered_targets{namespace,name}}: targets each binding has in its
 * target group.
 */
@ApplicationScoped
public class TargetGroupBindingMetrics {

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
