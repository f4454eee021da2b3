package io.elbv2.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.targetgroupbinding.Bindings;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Vetoed;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodReadinessGateWebhookTest {

  /** As the API server sends it for a Deployment's pod: the object has no name or namespace yet. */
  private static final String REVIEW =
      """
      {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
       "request": {"uid": "705ab4f5-6393-11e8-b7cc-42010a800002",
        "kind": {"group": "", "version": "v1", "kind": "Pod"},
        "resource": {"group": "", "version": "v1", "resource": "pods"},
        "namespace": "shop", "operation": "CREATE",
        "userInfo": {"username": "system:serviceaccount:kube-system:replicaset-controller"},
        "object": {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"generateName": "web-7d4b9c-", "labels": {"app": "web", "pod-template-hash": "7d4b9c"}},
         "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}},
        "oldObject": null, "dryRun": false}}
      """;

  private final ObjectMapper mapper = new ObjectMapper();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void podOfALabelledNamespaceGetsTheGatePatch() throws Exception {
    var webhook = webhook(new Lookups("enabled", List.of(ip("web"), instance("nodes"))));

    var response = mapper.readTree(webhook.mutate(REVIEW)).path("response");

    assertThat(response.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
    assertThat(patch(response))
        .isEqualTo(
            mapper.readTree(
                """
                [{"op": "add", "path": "/spec/readinessGates",
                  "value": [{"conditionType": "target-health.elbv2.k8s.aws/web"}]},
                 {"op": "add", "path": "/metadata/labels/elbv2.k8s.aws~1readiness-gated",
                  "value": "true"}]
                """));
    assertThat(counter("awslbc.pod.readiness.gate.injections")).isEqualTo(1);
    assertThat(counter("awslbc.webhook.mutation.failure")).isZero();
  }

  @Test
  void podOfANamespaceWithoutTheLabelIsLeftAlone() throws Exception {
    var webhook = webhook(new Lookups(null, List.of(ip("web"))));

    var response = mapper.readTree(webhook.mutate(REVIEW)).path("response");

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("patch")).isFalse();
    assertThat(counter("awslbc.pod.readiness.gate.injections")).isZero();
  }

  @Test
  void aFailureAdmitsThePodUnchangedAndIsCounted() throws Exception {
    var failing =
        new Lookups("enabled", List.of()) {
          @Override
          List<TargetGroupBinding> bindings(String namespace) {
            throw new IllegalStateException("the TargetGroupBinding controller is not registered");
          }
        };

    var response = mapper.readTree(webhook(failing).mutate(REVIEW)).path("response");

    assertThat(response.path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("patch")).isFalse();
    assertThat(counter("awslbc.webhook.mutation.failure")).isEqualTo(1);
    assertThat(registry.get("awslbc.webhook.mutation.failure").counter().getId().getTags())
        .extracting(t -> t.getKey() + "=" + t.getValue())
        .containsExactlyInAnyOrder(
            "webhook_name=/mutate-v1-pod", "error_category=podReadinessGateInjector");
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequestAndIsCounted() {
    var webhook = webhook(new Lookups("enabled", List.of(ip("web"))));

    assertThatThrownBy(() -> webhook.mutate("{\"request\": {\"uid\": "))
        .isInstanceOfSatisfying(
            BadRequestException.class, e -> assertThat(e.getResponse().getStatus()).isEqualTo(400))
        .hasMessageContaining("not an AdmissionReview");
    assertThat(counter("awslbc.webhook.mutation.failure")).isEqualTo(1);
    assertThat(registry.get("controller.runtime.webhook.latency").timer().count())
        .as("timed")
        .isEqualTo(1);
  }

  @Test
  void updatesAreLeftAlone() throws Exception {
    var webhook = webhook(new Lookups("enabled", List.of(ip("web"))));

    var response =
        mapper
            .readTree(webhook.mutate(REVIEW.replace("\"CREATE\"", "\"UPDATE\"")))
            .path("response");

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("patch")).isFalse();
  }

  private PodReadinessGateWebhook webhook(PodReadinessLookups lookups) {
    return new PodReadinessGateWebhook(lookups, new PodWebhookMetrics(registry));
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  private JsonNode patch(JsonNode response) throws Exception {
    return mapper.readTree(
        new String(
            Base64.getDecoder().decode(response.path("patch").asText()), StandardCharsets.UTF_8));
  }

  private static TargetGroupBinding ip(String name) {
    return Bindings.binding("shop", name, "arn", TargetType.IP, "web", null);
  }

  private static TargetGroupBinding instance(String name) {
    return Bindings.binding("shop", name, "arn", TargetType.INSTANCE, "web", null);
  }

  /**
   * The namespace "shop" with an inject label value (or none), its bindings and Service web;
   * vetoed, so that the integration tests' application does not see a second lookup bean.
   */
  @Vetoed
  private static class Lookups extends PodReadinessLookups {
    private final String inject;
    private final List<TargetGroupBinding> bindings;

    Lookups(String inject, List<TargetGroupBinding> bindings) {
      super(null, null);
      this.inject = inject;
      this.bindings = bindings;
    }

    @Override
    Map<String, String> namespaceLabels(String namespace) {
      return inject == null || !namespace.equals("shop")
          ? Map.of()
          : Map.of(PodReadinessGates.INJECT_LABEL, inject);
    }

    @Override
    List<TargetGroupBinding> bindings(String namespace) {
      return bindings;
    }

    @Override
    Optional<Service> service(String namespace, String name) {
      return Optional.of(
          new ServiceBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .endMetadata()
              .withNewSpec()
              .withSelector(Map.of("app", "web"))
              .endSpec()
              .build());
    }
  }
}
