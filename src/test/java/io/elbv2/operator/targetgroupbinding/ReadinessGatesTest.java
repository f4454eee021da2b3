package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.targetgroupbinding.ReadinessGates.Gate;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

class ReadinessGatesTest {

  private static final String TYPE = "target-health.elbv2.k8s.aws/web";
  private static final Instant EARLIER = Instant.parse("2025-01-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2025-01-01T10:00:30Z");

  @ParameterizedTest
  @CsvSource(
      nullValues = "-",
      value = {
        "healthy,     -,                          -,                                  True",
        "initial,     Elb.RegistrationInProgress, Target registration is in progress, False",
        "initial,     Elb.InitialHealthChecking,  Initial health checks in progress,  False",
        "unhealthy,   Target.FailedHealthChecks,  Health checks failed,               False",
        "unused,      Target.NotRegistered,       Target is not registered,           False",
        "unavailable, Elb.InternalError,          Target health is unavailable,       False",
        "draining,    Target.DeregistrationInProgress, Target deregistration is in progress, False"
      })
  void gateIsTrueOnlyForAHealthyTargetAndOtherwiseCarriesAwsReason(
      String state, String reason, String description, String status) {
    var health =
        TargetHealth.builder().state(state).reason(reason).description(description).build();

    assertThat(Gate.of(health)).isEqualTo(new Gate(status, reason, description));
  }

  @Test
  void newConditionStartsItsTransitionNow() {
    var condition = ReadinessGates.next(TYPE, Optional.empty(), Gate.REGISTERING, NOW);

    assertThat(condition)
        .contains(
            condition(
                "False", "Elb.RegistrationInProgress", "Target registration is in progress", NOW));
  }

  @Test
  void newReasonOfTheSameStatusKeepsTheTransitionTime() {
    var registering = condition("False", "Elb.RegistrationInProgress", "in progress", EARLIER);
    var checking =
        health("initial", "Elb.InitialHealthChecking", "Initial health checks in progress");

    assertThat(ReadinessGates.next(TYPE, Optional.of(registering), Gate.of(checking), NOW))
        .contains(
            condition(
                "False",
                "Elb.InitialHealthChecking",
                "Initial health checks in progress",
                EARLIER));
  }

  @Test
  void unchangedGateIsNotWrittenAgain() {
    var registering =
        condition(
            "False", "Elb.RegistrationInProgress", "Target registration is in progress", EARLIER);
    var ready = condition("True", null, null, EARLIER);

    assertThat(ReadinessGates.next(TYPE, Optional.of(registering), Gate.REGISTERING, NOW))
        .isEmpty();
    assertThat(ReadinessGates.next(TYPE, Optional.of(ready), Gate.released("deleted"), NOW))
        .isEmpty();
  }

  @Test
  void gateTurningTrueStartsANewTransition() {
    var registering = condition("False", "Elb.RegistrationInProgress", "in progress", EARLIER);

    assertThat(
            ReadinessGates.next(
                TYPE, Optional.of(registering), Gate.of(health("healthy", null, null)), NOW))
        .contains(condition("True", null, null, NOW));
  }

  @Test
  void podsBehindTargetsFollowTheirTargetsHealth() {
    var fresh = pod("fresh", null);
    var registering =
        pod(
            "registering",
            condition("False", "Elb.RegistrationInProgress", "in progress", EARLIER));
    var checking = pod("checking", null);
    var ready = pod("ready", condition("True", null, null, EARLIER));
    var targets =
        List.of(
            target("10.0.0.1", "fresh"),
            target("10.0.0.2", "registering"),
            target("10.0.0.3", "checking"),
            target("10.0.0.4", "ready"));
    var registered =
        Map.of(
            Target.of("10.0.0.2", 8080), health("healthy", null, null),
            Target.of("10.0.0.3", 8080), health("initial", "Elb.InitialHealthChecking", "checking"),
            Target.of("10.0.0.4", 8080), health("healthy", null, null));

    var plan =
        ReadinessGates.plan(
            TYPE, List.of(fresh, registering, checking, ready), targets, registered, NOW);

    assertThat(written(plan.changes()))
        .containsExactly(
            "fresh False Elb.RegistrationInProgress",
            "registering True null came up",
            "checking False Elb.InitialHealthChecking");
    assertThat(plan.pending()).isTrue();
  }

  @Test
  void nothingIsPendingOnceEveryTargetIsHealthy() {
    var registering =
        pod("a", condition("False", "Elb.InitialHealthChecking", "checking", EARLIER));
    var plan =
        ReadinessGates.plan(
            TYPE,
            List.of(registering),
            List.of(target("10.0.0.1", "a")),
            Map.of(Target.of("10.0.0.1", 8080), health("healthy", null, null)),
            NOW);

    assertThat(written(plan.changes())).containsExactly("a True null came up");
    assertThat(plan.pending()).isFalse();
  }

  @Test
  void recoveringFromFailedHealthChecksIsNotAPodComingUp() {
    var failed = pod("a", condition("False", "Target.FailedHealthChecks", "failed", EARLIER));
    var plan =
        ReadinessGates.plan(
            TYPE,
            List.of(failed),
            List.of(target("10.0.0.1", "a")),
            Map.of(Target.of("10.0.0.1", 8080), health("healthy", null, null)),
            NOW);

    assertThat(written(plan.changes())).containsExactly("a True null");
  }

  @Test
  void podThatLeftTheTargetsIsReleasedAndOneNeverRegisteredIsLeftAlone() {
    var deregistered =
        pod(
            "deregistered",
            condition("False", "Elb.RegistrationInProgress", "in progress", EARLIER));
    var terminating = pod("terminating", null);
    terminating.getMetadata().setDeletionTimestamp(EARLIER.toString());
    var starting = pod("starting", null);

    var plan =
        ReadinessGates.plan(
            TYPE, List.of(deregistered, terminating, starting), List.of(), Map.of(), NOW);

    assertThat(written(plan.changes()))
        .containsExactly("deregistered True null", "terminating True null");
    assertThat(plan.pending()).isFalse();
  }

  @Test
  void healthIsAwaitedWhileATargetsPodIsNotTrueOrAPodMustBeReleased() {
    var ready = pod("ready", condition("True", null, null, EARLIER));
    var fresh = pod("fresh", null);
    var left = pod("left", condition("False", "Elb.InitialHealthChecking", "checking", EARLIER));
    var readyTarget = target("10.0.0.1", "ready");
    var freshTarget = target("10.0.0.2", "fresh");

    assertThat(ReadinessGates.awaitingHealth(TYPE, List.of(ready, fresh), List.of(readyTarget)))
        .isFalse();
    assertThat(
            ReadinessGates.awaitingHealth(
                TYPE, List.of(ready, fresh), List.of(readyTarget, freshTarget)))
        .isTrue();
    assertThat(ReadinessGates.awaitingHealth(TYPE, List.of(ready, left), List.of(readyTarget)))
        .isTrue();
  }

  @Test
  void deletedBindingReleasesEveryGateThatIsNotTrue() {
    var waiting =
        pod("waiting", condition("False", "Elb.RegistrationInProgress", "in progress", EARLIER));
    var ready = pod("ready", condition("True", null, null, EARLIER));
    var fresh = pod("fresh", null);

    var changes =
        ReadinessGates.release(
            TYPE, List.of(waiting, ready, fresh), "TargetGroupBinding is deleted", NOW);

    assertThat(written(changes)).containsExactly("waiting True null", "fresh True null");
    assertThat(changes.get(0).condition().getMessage()).isEqualTo("TargetGroupBinding is deleted");
  }

  @Test
  void gatesNameTheirBindings() {
    var pod = pod("a", null);
    pod.getSpec()
        .getReadinessGates()
        .add(new io.fabric8.kubernetes.api.model.PodReadinessGate("example.com/other"));
    pod.getSpec()
        .getReadinessGates()
        .add(
            new io.fabric8.kubernetes.api.model.PodReadinessGate(
                "target-health.elbv2.k8s.aws/api"));

    assertThat(ReadinessGates.bindingsGating(pod)).containsExactly("web", "api");
  }

  @Test
  void podIsReadyButForItsGatesWhenItsContainersAndNodeAreReady() {
    var pod = pod("a", null);
    pod.getStatus().getConditions().add(condition("ContainersReady", "True"));
    var starting = pod("b", null);
    starting.getStatus().getConditions().add(condition("ContainersReady", "False"));
    var terminating = pod("c", null);
    terminating.getStatus().getConditions().add(condition("ContainersReady", "True"));
    terminating.getMetadata().setDeletionTimestamp(NOW.toString());

    assertThat(ReadinessGates.readyButForGates(pod, node -> true)).isTrue();
    assertThat(ReadinessGates.readyButForGates(pod, node -> false)).isFalse();
    assertThat(ReadinessGates.readyButForGates(starting, node -> true)).isFalse();
    assertThat(ReadinessGates.readyButForGates(terminating, node -> true)).isFalse();
  }

  private static List<String> written(List<ReadinessGates.Change> changes) {
    var lines = new ArrayList<String>();
    for (var change : changes) {
      var c = change.condition();
      assertThat(c.getType()).isEqualTo(TYPE);
      lines.add(
          change.pod().getMetadata().getName()
              + " "
              + c.getStatus()
              + " "
              + c.getReason()
              + (change.cameUp() ? " came up" : ""));
    }
    return lines;
  }

  private static Target target(String ip, String pod) {
    return new Target(ip, 8080, "node-a", pod);
  }

  private static TargetHealth health(String state, String reason, String description) {
    return TargetHealth.builder().state(state).reason(reason).description(description).build();
  }

  private static PodCondition condition(
      String status, String reason, String message, Instant since) {
    return new PodConditionBuilder()
        .withType(TYPE)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(since.toString())
        .build();
  }

  private static PodCondition condition(String type, String status) {
    return new PodConditionBuilder().withType(type).withStatus(status).build();
  }

  private static Pod pod(String name, PodCondition gate) {
    var pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("shop")
            .withCreationTimestamp(EARLIER.toString())
            .endMetadata()
            .withNewSpec()
            .withNodeName("node-a")
            .addNewReadinessGate()
            .withConditionType(TYPE)
            .endReadinessGate()
            .endSpec()
            .withNewStatus()
            .endStatus()
            .build();
    if (gate != null) {
      pod.getStatus().getConditions().add(gate);
    }
    return pod;
  }
}
