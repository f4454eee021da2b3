package io.elbv2.operator.webhook;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.targetgroupbinding.ReadinessGates;
import io.elbv2.operator.webhook.AdmissionReviews.PatchOperation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The readiness gates a new pod gets, as the Go controller's {@code pod_readiness_gate.go}: one
 * {@code target-health.elbv2.k8s.aws/<binding>} for each {@code ip} TargetGroupBinding of its
 * namespace whose Service selects it, and the label {@code elbv2.k8s.aws/readiness-gated: "true"},
 * by which the pod condition controller watches only the pods that carry such gates.
 */
public final class PodReadinessGates {

  /** The namespace label that turns injection on, with the value {@link #ENABLED}. */
  public static final String INJECT_LABEL = "elbv2.k8s.aws/pod-readiness-gate-inject";

  public static final String ENABLED = "enabled";

  private PodReadinessGates() {}

  public static boolean enabledIn(Map<String, String> namespaceLabels) {
    return namespaceLabels != null && ENABLED.equals(namespaceLabels.get(INJECT_LABEL));
  }

  /**
   * The JSON patch that gives a pod the gates of the bindings (of its namespace) whose Service
   * selects it, keeping the gates it has; empty when it needs none or has them all.
   *
   * @param services a Service of the pod's namespace by name
   */
  static List<PatchOperation> patch(
      Pod pod,
      Collection<TargetGroupBinding> bindings,
      Function<String, Optional<Service>> services) {
    var wanted =
        bindings.stream()
            .filter(b -> selects(b, pod, services))
            .map(b -> ReadinessGates.conditionType(b.getMetadata().getName()))
            .sorted()
            .toList();
    if (wanted.isEmpty()) {
      return List.of();
    }
    var existing =
        Optional.ofNullable(pod.getSpec().getReadinessGates()).orElse(List.of()).stream()
            .map(PodReadinessGate::getConditionType)
            .toList();
    var missing =
        wanted.stream()
            .filter(type -> !existing.contains(type))
            .map(type -> Map.of("conditionType", type))
            .toList();
    var patch = new ArrayList<PatchOperation>();
    if (existing.isEmpty()) {
      // An absent (or empty) list is written whole: a JSON patch cannot append to what is not
      // there.
      patch.add(new PatchOperation("add", "/spec/readinessGates", missing));
    } else {
      missing.forEach(gate -> patch.add(new PatchOperation("add", "/spec/readinessGates/-", gate)));
    }
    // A pod a Service selects has labels, so the label map exists.
    if (!"true".equals(pod.getMetadata().getLabels().get(ReadinessGates.GATED_LABEL))) {
      patch.add(
          new PatchOperation(
              "add", "/metadata/labels/" + pointer(ReadinessGates.GATED_LABEL), "true"));
    }
    return patch;
  }

  /**
   * Whether an ip binding's Service selects the pod. A binding being deleted is left out: its gate
   * would never turn true.
   */
  private static boolean selects(
      TargetGroupBinding binding, Pod pod, Function<String, Optional<Service>> services) {
    var spec = binding.getSpec();
    if (spec == null
        || spec.targetType() != TargetType.IP
        || spec.serviceRef() == null
        || spec.serviceRef().name() == null
        || binding.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    var selector =
        services
            .apply(spec.serviceRef().name())
            .map(s -> s.getSpec() == null ? null : s.getSpec().getSelector())
            .orElse(null);
    if (selector == null || selector.isEmpty()) {
      return false;
    }
    var labels = pod.getMetadata().getLabels();
    return labels != null && labels.entrySet().containsAll(selector.entrySet());
  }

  /** A JSON pointer token (RFC 6901): {@code ~} and {@code /} escaped. */
  private static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
