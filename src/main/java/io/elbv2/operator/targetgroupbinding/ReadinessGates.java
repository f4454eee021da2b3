package io.elbv2.operator.targetgroupbinding;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * The readiness gates of the pods behind a binding's ip targets, decided from the target health AWS
 * reports, as the Go controller decides them: each gated pod has the condition {@code
 * target-health.elbv2.k8s.aws/<binding>}, True once its target is healthy, else False with AWS's
 * reason and description. Pure: the caller reads the pods and the health and writes the changes.
 */
public final class ReadinessGates {

  public static final String CONDITION_PREFIX = "target-health.elbv2.k8s.aws/";

  /**
   * The label the pod webhook puts on every pod it gives a gate: the operator watches only these.
   */
  public static final String GATED_LABEL = "elbv2.k8s.aws/readiness-gated";

  static final String REGISTRATION_IN_PROGRESS = "Elb.RegistrationInProgress";
  static final String INITIAL_HEALTH_CHECKING = "Elb.InitialHealthChecking";
  static final String CONTAINERS_READY = "ContainersReady";
  private static final String TRUE = "True";
  private static final String FALSE = "False";

  /** What a gate says: a pod condition without its type and time. */
  public record Gate(String status, String reason, String message) {

    /** Before the target is registered, or while it drains before being registered again. */
    static final Gate REGISTERING =
        new Gate(FALSE, REGISTRATION_IN_PROGRESS, "Target registration is in progress");

    /** True when the target is healthy; otherwise False with AWS's reason and description. */
    public static Gate of(TargetHealth health) {
      var healthy = health.state() == TargetHealthStateEnum.HEALTHY;
      return new Gate(
          healthy ? TRUE : FALSE, blankToNull(health.reasonAsString()), health.description());
    }

    /** True without a health check: the binding or the target is gone and must not hold the pod. */
    static Gate released(String message) {
      return new Gate(TRUE, null, message);
    }

    boolean isTrue() {
      return TRUE.equals(status);
    }
  }

  /**
   * A condition to write on a pod.
   *
   * @param cameUp the gate turned True because the target is healthy, for the first time since the
   *     pod was added to the target group
   */
  public record Change(Pod pod, PodCondition condition, boolean cameUp) {}

  /**
   * @param pending a pod behind one of the binding's targets still waits for its gate: check the
   *     target health again later
   */
  public record Plan(List<Change> changes, boolean pending) {}

  private ReadinessGates() {}

  public static String conditionType(String binding) {
    return CONDITION_PREFIX + binding;
  }

  /** The bindings whose target health the pod's readiness gates wait for. */
  public static List<String> bindingsGating(Pod pod) {
    var gates = pod.getSpec() == null ? null : pod.getSpec().getReadinessGates();
    if (gates == null) {
      return List.of();
    }
    return gates.stream()
        .map(gate -> gate.getConditionType())
        .filter(type -> type != null && type.startsWith(CONDITION_PREFIX))
        .map(type -> type.substring(CONDITION_PREFIX.length()))
        .filter(name -> !name.isEmpty())
        .toList();
  }

  public static Optional<PodCondition> condition(Pod pod, String type) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  /**
   * Whether a gated pod would be ready but for its gates: its containers are ready, it is not being
   * deleted and its node is Ready. Its endpoint then counts as a target although not ready.
   */
  public static boolean readyButForGates(Pod pod, Predicate<String> nodeReady) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && condition(pod, CONTAINERS_READY).map(c -> TRUE.equals(c.getStatus())).orElse(false)
        && pod.getSpec() != null
        && pod.getSpec().getNodeName() != null
        && nodeReady.test(pod.getSpec().getNodeName());
  }

  /**
   * The gates of a binding's pods after a check of its target health.
   *
   * @param gated the pods whose gates wait for this binding
   * @param targets the binding's targets, each naming its pod
   * @param registered the health of the targets that were registered before this check (draining
   *     ones left out); the other targets were registered by it
   */
  public static Plan plan(
      String type,
      Collection<Pod> gated,
      Collection<Target> targets,
      Map<Target, TargetHealth> registered,
      Instant now) {
    var byPod = byPod(targets);
    var changes = new ArrayList<Change>();
    var pending = false;
    for (var pod : gated) {
      var target = byPod.get(pod.getMetadata().getName());
      Gate gate;
      if (target != null) {
        var health = registered.get(target);
        gate = health == null ? Gate.REGISTERING : Gate.of(health);
        pending |= !gate.isTrue();
      } else if (mustBeReleased(type, pod)) {
        gate = Gate.released("The pod is no longer a target: it is terminating or not ready");
      } else {
        continue;
      }
      var current = condition(pod, type);
      next(type, current, gate, now)
          .ifPresent(
              condition ->
                  changes.add(new Change(pod, condition, target != null && cameUp(current, gate))));
    }
    return new Plan(List.copyOf(changes), pending);
  }

  /**
   * Whether the binding's gates need a look at AWS, read from the pods alone: a pod behind one of
   * its targets is not yet True, or a pod no longer behind one must be released.
   */
  public static boolean awaitingHealth(
      String type, Collection<Pod> gated, Collection<Target> targets) {
    var pods = byPod(targets).keySet();
    return gated.stream()
        .anyMatch(
            pod ->
                pods.contains(pod.getMetadata().getName())
                    ? !condition(pod, type).map(c -> TRUE.equals(c.getStatus())).orElse(false)
                    : mustBeReleased(type, pod));
  }

  /**
   * Every gate of a binding that is deleted or has no Service any more turns True, so that its pods
   * are not held forever.
   */
  public static List<Change> release(
      String type, Collection<Pod> gated, String message, Instant now) {
    var gate = Gate.released(message);
    var changes = new ArrayList<Change>();
    for (var pod : gated) {
      next(type, condition(pod, type), gate, now)
          .ifPresent(condition -> changes.add(new Change(pod, condition, false)));
    }
    return List.copyOf(changes);
  }

  /**
   * The condition to write for {@code gate}, or none when the pod shows it already. The transition
   * time moves only when the status does; a True gate is not rewritten for a new message.
   */
  public static Optional<PodCondition> next(
      String type, Optional<PodCondition> current, Gate gate, Instant now) {
    var since = now.toString();
    if (current.isPresent() && gate.status().equals(current.get().getStatus())) {
      if (gate.isTrue()
          || Objects.equals(gate.reason(), blankToNull(current.get().getReason()))
              && Objects.equals(gate.message(), blankToNull(current.get().getMessage()))) {
        return Optional.empty();
      }
      since = current.get().getLastTransitionTime();
    }
    return Optional.of(
        new PodConditionBuilder()
            .withType(type)
            .withStatus(gate.status())
            .withReason(gate.reason())
            .withMessage(gate.message())
            .withLastTransitionTime(since)
            .build());
  }

  /**
   * A pod leaving the target group on purpose (being deleted, or no longer a ready endpoint after
   * this binding had started to register it) must not stay unready because of this binding.
   */
  private static boolean mustBeReleased(String type, Pod pod) {
    var current = condition(pod, type);
    var isTrue = current.map(c -> TRUE.equals(c.getStatus())).orElse(false);
    return !isTrue && (pod.getMetadata().getDeletionTimestamp() != null || current.isPresent());
  }

  /** A first healthy report since the pod was added: no gate yet, or one still registering. */
  private static boolean cameUp(Optional<PodCondition> current, Gate gate) {
    return gate.isTrue()
        && current
            .map(
                c ->
                    !TRUE.equals(c.getStatus())
                        && Set.of(REGISTRATION_IN_PROGRESS, INITIAL_HEALTH_CHECKING)
                            .contains(c.getReason()))
            .orElse(true);
  }

  private static Map<String, Target> byPod(Collection<Target> targets) {
    var byPod = new java.util.HashMap<String, Target>();
    for (var target : targets) {
      if (target.pod() != null) {
        byPod.put(target.pod(), target);
      }
    }
    return byPod;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
