package io.elbv2.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.targetgroupbinding.Bindings;
import io.elbv2.operator.targetgroupbinding.ReadinessGates;
import io.elbv2.operator.webhook.AdmissionReviews.PatchOperation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodReadinessGatesTest {

  private static final String NS = "shop";
  private static final String ARN =
      "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:targetgroup/web/0123";
  private static final Map<String, String> WEB = Map.of("app", "web");
  private static final Map<String, Service> SERVICES =
      Map.of(
          "web", service("web", WEB),
          "web-v2", service("web-v2", Map.of("app", "web", "track", "v2")),
          "headless", service("headless", Map.of()),
          "external", service("external", null));
  private static final PatchOperation LABEL =
      new PatchOperation("add", "/metadata/labels/elbv2.k8s.aws~1readiness-gated", "true");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "a pod the ip binding's Service selects gets its gate and the label",
            pod(WEB),
            List.of(ip("web", "web")),
            List.of(gates("target-health.elbv2.k8s.aws/web"), LABEL)),
        Arguments.of(
            "one gate per binding whose Service selects the pod, by binding name",
            pod(Map.of("app", "web", "track", "v2")),
            List.of(ip("web-v2", "web-v2"), ip("api", "web")),
            List.of(
                gates("target-health.elbv2.k8s.aws/api", "target-health.elbv2.k8s.aws/web-v2"),
                LABEL)),
        Arguments.of(
            "a Service selecting more labels than the pod has leaves it out",
            pod(WEB),
            List.of(ip("web-v2", "web-v2")),
            List.of()),
        Arguments.of(
            "a pod of other labels gets nothing", pod(Map.of("app", "db")), bindings(), List.of()),
        Arguments.of("a pod without labels gets nothing", pod(null), bindings(), List.of()),
        Arguments.of(
            "instance bindings target nodes, not pods",
            pod(WEB),
            List.of(binding("web", TargetType.INSTANCE, "web")),
            List.of()),
        Arguments.of(
            "a binding whose target type is not known yet is left out",
            pod(WEB),
            List.of(binding("web", null, "web")),
            List.of()),
        Arguments.of(
            "a Service with an empty selector selects no pod",
            pod(WEB),
            List.of(ip("headless", "headless")),
            List.of()),
        Arguments.of(
            "a Service without a selector selects no pod",
            pod(WEB),
            List.of(ip("external", "external")),
            List.of()),
        Arguments.of(
            "a binding whose Service does not exist is left out",
            pod(WEB),
            List.of(ip("web", "gone")),
            List.of()),
        Arguments.of(
            "a binding being deleted is left out",
            pod(WEB),
            List.of(deleted(ip("web", "web"))),
            List.of()),
        Arguments.of(
            "the pod's own gates are kept and ours appended",
            withGates(pod(WEB), "example.com/warm"),
            List.of(ip("web", "web")),
            List.of(
                new PatchOperation(
                    "add",
                    "/spec/readinessGates/-",
                    Map.of("conditionType", "target-health.elbv2.k8s.aws/web")),
                LABEL)),
        Arguments.of(
            "an empty gate list is written whole",
            withGates(pod(WEB)),
            List.of(ip("web", "web")),
            List.of(gates("target-health.elbv2.k8s.aws/web"), LABEL)),
        Arguments.of(
            "a gate the pod has is not added twice",
            withGates(pod(WEB), "target-health.elbv2.k8s.aws/web"),
            List.of(ip("web", "web"), ip("api", "web")),
            List.of(
                new PatchOperation(
                    "add",
                    "/spec/readinessGates/-",
                    Map.of("conditionType", "target-health.elbv2.k8s.aws/api")),
                LABEL)),
        Arguments.of(
            "a pod with its gates but not the label gets the label",
            withGates(pod(WEB), "target-health.elbv2.k8s.aws/web"),
            List.of(ip("web", "web")),
            List.of(LABEL)),
        Arguments.of(
            "a pod with its gates and the label is left alone",
            withGates(
                pod(Map.of("app", "web", ReadinessGates.GATED_LABEL, "true")),
                "target-health.elbv2.k8s.aws/web"),
            List.of(ip("web", "web")),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void patch(String name, Pod pod, List<TargetGroupBinding> bindings, List<PatchOperation> want) {
    assertThat(
            PodReadinessGates.patch(
                pod, bindings, service -> Optional.ofNullable(SERVICES.get(service))))
        .isEqualTo(want);
  }

  @Test
  void injectionIsOnlyForNamespacesLabelledEnabled() {
    assertThat(PodReadinessGates.enabledIn(Map.of(PodReadinessGates.INJECT_LABEL, "enabled")))
        .isTrue();
    assertThat(PodReadinessGates.enabledIn(Map.of(PodReadinessGates.INJECT_LABEL, "disabled")))
        .isFalse();
    assertThat(PodReadinessGates.enabledIn(Map.of("team", "shop"))).isFalse();
    assertThat(PodReadinessGates.enabledIn(null)).isFalse();
  }

  private static List<TargetGroupBinding> bindings() {
    return List.of(ip("web", "web"), ip("web-v2", "web-v2"));
  }

  private static TargetGroupBinding ip(String name, String service) {
    return binding(name, TargetType.IP, service);
  }

  private static TargetGroupBinding binding(String name, TargetType type, String service) {
    return Bindings.binding(NS, name, ARN, type, service, null);
  }

  private static TargetGroupBinding deleted(TargetGroupBinding binding) {
    binding.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    return binding;
  }

  private static PatchOperation gates(String... conditionTypes) {
    return new PatchOperation(
        "add",
        "/spec/readinessGates",
        Arrays.stream(conditionTypes).map(t -> Map.of("conditionType", t)).toList());
  }

  static Pod pod(Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withGenerateName("web-")
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage("nginx:1.27")
        .endContainer()
        .endSpec()
        .build();
  }

  private static Pod withGates(Pod pod, String... conditionTypes) {
    return new PodBuilder(pod)
        .editSpec()
        .addAllToReadinessGates(
            Arrays.stream(conditionTypes)
                .map(t -> new io.fabric8.kubernetes.api.model.PodReadinessGate(t))
                .collect(Collectors.toList()))
        .endSpec()
        .build();
  }

  private static Service service(String name, Map<String, String> selector) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withSelector(selector)
        .endSpec()
        .build();
  }
}
