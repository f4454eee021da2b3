package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.kubernetes.CachedObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The pods that carry a target-health readiness gate, read from an informer that sees only pods
 * labelled {@value ReadinessGates#GATED_LABEL}{@code =true} (never every pod of the cluster), and
 * the writes of their gate conditions.
 */
final class GatedPods {

  private static final String BY_BINDING = "readiness-gate";
  private static final int HTTP_NOT_FOUND = 404;
  private static final int HTTP_CONFLICT = 409;
  private static final Logger LOG = Logger.getLogger(GatedPods.class);

  private final TargetGroupBindingMetrics metrics;
  private InformerEventSource<Pod, TargetGroupBinding> informer;

  GatedPods(TargetGroupBindingMetrics metrics) {
    this.metrics = metrics;
  }

  /** Pod events reach the bindings the pod's gates name, in the pod's namespace. */
  InformerEventSource<Pod, TargetGroupBinding> eventSource(
      EventSourceContext<TargetGroupBinding> context) {
    informer =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, TargetGroupBinding.class)
                .withName("gated-pods")
                .withItemStore(CachedObjects.trimmed())
                .withLabelSelector(ReadinessGates.GATED_LABEL + "=true")
                .withSecondaryToPrimaryMapper(
                    pod ->
                        ReadinessGates.bindingsGating(pod).stream()
                            .map(name -> new ResourceID(name, pod.getMetadata().getNamespace()))
                            .collect(Collectors.toSet()))
                .withOnUpdateFilter((updated, old) -> !relevant(old).equals(relevant(updated)))
                .build(),
            context);
    informer.addIndexers(
        Map.of(
            BY_BINDING,
            pod ->
                ReadinessGates.bindingsGating(pod).stream()
                    .map(name -> key(pod.getMetadata().getNamespace(), name))
                    .toList()));
    return informer;
  }

  /** The pods whose gates wait for this binding, each as last written when newer than the index. */
  List<Pod> of(TargetGroupBinding binding) {
    return informer
        .byIndex(
            BY_BINDING, key(binding.getMetadata().getNamespace(), binding.getMetadata().getName()))
        .stream()
        .map(pod -> informer.get(ResourceID.fromResource(pod)).orElse(pod))
        .toList();
  }

  Optional<Pod> get(String namespace, String name) {
    return informer.get(new ResourceID(name, namespace));
  }

  /**
   * Writes each condition with a strategic-merge patch of the pod's status, which replaces only the
   * condition of that type; the pod's UID makes it a no-op on a new pod of the same name. The event
   * of the write itself does not bring the binding back. A pod gone meanwhile is skipped.
   */
  void write(
      TargetGroupBinding binding,
      List<ReadinessGates.Change> changes,
      Context<TargetGroupBinding> context) {
    for (var change : changes) {
      var pod = change.pod();
      var patch = patch(pod, change.condition());
      try {
        context
            .resourceOperations()
            .resourcePatch(
                pod,
                p ->
                    context
                        .getClient()
                        .pods()
                        .inNamespace(p.getMetadata().getNamespace())
                        .withName(p.getMetadata().getName())
                        .subresource("status")
                        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch),
                informer);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HTTP_NOT_FOUND && e.getCode() != HTTP_CONFLICT) {
          throw e;
        }
        LOG.debugf(
            "pod %s/%s is gone: %s",
            pod.getMetadata().getNamespace(), pod.getMetadata().getName(), e.getMessage());
        continue;
      }
      if (change.cameUp()) {
        metrics.readinessGateReady(
            binding,
            Duration.between(
                Instant.parse(pod.getMetadata().getCreationTimestamp()),
                Instant.parse(change.condition().getLastTransitionTime())));
      }
    }
  }

  /**
   * A strategic-merge patch of the one condition, merged by its type; a reason or message the gate
   * no longer has is written as null, which removes it.
   */
  static String patch(Pod pod, PodCondition condition) {
    var mapper = Serialization.jsonMapper();
    var patch = mapper.createObjectNode();
    patch.putObject("metadata").put("uid", pod.getMetadata().getUid());
    var written = patch.putObject("status").putArray("conditions").addObject();
    written.put("type", condition.getType());
    written.put("status", condition.getStatus());
    written.put("reason", condition.getReason());
    written.put("message", condition.getMessage());
    written.put("lastTransitionTime", condition.getLastTransitionTime());
    return patch.toString();
  }

  /**
   * What of a pod can change its gates: whether its containers are ready, its deletion, address and
   * node, and the gate conditions themselves when someone else rewrites them.
   */
  private static List<Object> relevant(Pod pod) {
    var status = pod.getStatus();
    var conditions =
        status == null || status.getConditions() == null
            ? List.of()
            : status.getConditions().stream()
                .filter(
                    c ->
                        ReadinessGates.CONTAINERS_READY.equals(c.getType())
                            || c.getType() != null
                                && c.getType().startsWith(ReadinessGates.CONDITION_PREFIX))
                .map(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .sorted()
                .toList();
    return java.util.Arrays.asList(
        pod.getMetadata().getDeletionTimestamp(),
        status == null ? null : status.getPodIP(),
        pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
        conditions);
  }

  private static String key(String namespace, String binding) {
    return namespace + "/" + binding;
  }
}
