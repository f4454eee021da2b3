package io.elbv2.operator.testing;

import io.elbv2.operator.webhook.TargetGroupBindingWebhooks;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * The TargetGroupBinding webhooks registered with the real API server as the chart registers them
 * (failure policy Fail, its timeout), calling the operator under test, for one namespace only so
 * that other tests' bindings do not go through them.
 */
public final class BindingWebhookRegistration implements AutoCloseable {

  private final KubernetesClient client;
  private final String name;

  private BindingWebhookRegistration(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  public static BindingWebhookRegistration forNamespace(
      KubernetesClient client, LocalCluster cluster, WebhookEndpoint webhooks, String namespace) {
    var registration = new BindingWebhookRegistration(client, "elbv2-operator-" + namespace);
    var caBundle = caBundle(cluster);
    var timeout = (int) TargetGroupBindingWebhooks.TIMEOUT.toSeconds();
    var onlyThisNamespace = Map.of("kubernetes.io/metadata.name", namespace);
    client
        .resource(
            new MutatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(registration.name)
                .endMetadata()
                .addNewWebhook()
                .withName("mtargetgroupbinding.elbv2.k8s.aws")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withFailurePolicy("Fail")
                .withTimeoutSeconds(timeout)
                .withNewNamespaceSelector()
                .withMatchLabels(onlyThisNamespace)
                .endNamespaceSelector()
                .withNewClientConfig()
                .withUrl(webhooks.url(TargetGroupBindingWebhooks.MUTATE_PATH))
                .withCaBundle(caBundle)
                .endClientConfig()
                .withRules(bindingCreatesAndUpdates())
                .endWebhook()
                .build())
        .create();
    client
        .resource(
            new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(registration.name)
                .endMetadata()
                .addNewWebhook()
                .withName("vtargetgroupbinding.elbv2.k8s.aws")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withFailurePolicy("Fail")
                .withTimeoutSeconds(timeout)
                .withNewNamespaceSelector()
                .withMatchLabels(onlyThisNamespace)
                .endNamespaceSelector()
                .withNewClientConfig()
                .withUrl(webhooks.url(TargetGroupBindingWebhooks.VALIDATE_PATH))
                .withCaBundle(caBundle)
                .endClientConfig()
                .withRules(bindingCreatesAndUpdates())
                .endWebhook()
                .build())
        .create();
    return registration;
  }

  private static RuleWithOperations bindingCreatesAndUpdates() {
    return new RuleWithOperationsBuilder()
        .withApiGroups("elbv2.k8s.aws")
        .withApiVersions("v1beta1")
        .withOperations("CREATE", "UPDATE")
        .withResources("targetgroupbindings")
        .build();
  }

  private static String caBundle(LocalCluster cluster) {
    try {
      return Base64.getEncoder()
          .encodeToString(Files.readAllBytes(Path.of(cluster.get("ELBV2_WEBHOOK_CA_FILE"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    var admission = client.admissionRegistration().v1();
    admission.mutatingWebhookConfigurations().withName(name).delete();
    admission.validatingWebhookConfigurations().withName(name).delete();
  }
}
