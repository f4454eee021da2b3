package io.elbv2.operator.testing;

import io.elbv2.operator.webhook.PodReadinessGates;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Pod webhook configurations registered as the chart registers its own, each limited to the
 * namespaces of one test, and removed when the test ends.
 */
public final class PodWebhooks {

  private final KubernetesClient client;
  private final LocalCluster cluster;
  private final List<String> registered = new ArrayList<>();

  public PodWebhooks(KubernetesClient client, LocalCluster cluster) {
    this.client = client;
    this.cluster = cluster;
  }

  /** Sends the pods created in {@code namespaces} (when labelled for injection) to {@code url}. */
  public void register(String url, String... namespaces) {
    var name = "elbv2-operator-pods-" + namespaces[0];
    client
        .resource(
            new MutatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addNewWebhook()
                .withName("mpod.elbv2.k8s.aws")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withFailurePolicy("Ignore")
                .withTimeoutSeconds(10)
                .withNewNamespaceSelector()
                .withMatchExpressions(
                    new LabelSelectorRequirementBuilder()
                        .withKey(PodReadinessGates.INJECT_LABEL)
                        .withOperator("In")
                        .withValues("enabled")
                        .build(),
                    new LabelSelectorRequirementBuilder()
                        .withKey("kubernetes.io/metadata.name")
                        .withOperator("In")
                        .withValues(namespaces)
                        .build())
                .endNamespaceSelector()
                .withNewObjectSelector()
                .withMatchExpressions(
                    new LabelSelectorRequirementBuilder()
                        .withKey("app.kubernetes.io/name")
                        .withOperator("NotIn")
                        .withValues("elbv2-operator")
                        .build())
                .endObjectSelector()
                .withNewClientConfig()
                .withUrl(url)
                .withCaBundle(caBundle())
                .endClientConfig()
                .addNewRule()
                .withApiGroups("")
                .withApiVersions("v1")
                .withOperations("CREATE")
                .withResources("pods")
                .endRule()
                .endWebhook()
                .build())
        .create();
    registered.add(name);
  }

  public void deleteAll() {
    registered.forEach(
        name ->
            client
                .admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .withName(name)
                .delete());
    registered.clear();
  }

  /** Labels the namespace so that its pods get readiness gates. */
  public void enableInjection(String namespace) {
    client
        .namespaces()
        .withName(namespace)
        .edit(
            ns -> {
              ns.getMetadata().getLabels().put(PodReadinessGates.INJECT_LABEL, "enabled");
              return ns;
            });
  }

  private String caBundle() {
    try {
      return Base64.getEncoder()
          .encodeToString(Files.readAllBytes(Path.of(cluster.get("ELBV2_WEBHOOK_CA_FILE"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
