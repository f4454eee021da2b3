package io.elbv2.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.testing.Certificates;
import io.elbv2.operator.testing.ChartRendering;
import io.elbv2.operator.testing.Helm;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorOutOfProcess;
import io.elbv2.operator.webhook.PodReadinessGateWebhook;
import io.elbv2.operator.webhook.PodReadinessGates;
import io.elbv2.operator.webhook.TargetGroupBindingWebhooks;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chart's webhooks and their certificate settings, as {@code helm template} renders them. */
@QuarkusTest
@TestProfile(OperatorOutOfProcess.class)
@QuarkusTestResource(LocalClusterResource.class)
class ChartTemplateIT {

  @Inject KubernetesClient client;
  LocalCluster cluster;

  private Helm helm;

  @BeforeEach
  void setUp() {
    helm = Helm.of(cluster);
  }

  @Test
  void certificateOfTheUsersOwnIsUsedAsItIs() throws Exception {
    var pem = Files.createTempDirectory("elbv2-chart-certificate-");
    var certificateFile = pem.resolve("tls.crt");
    var keyFile = pem.resolve("tls.key");
    String certificate;
    String key;
    List<HasMetadata> rendered;
    try {
      Certificates.selfSigned(pem, "elbv2-operator.kube-system.svc");
      certificate = Files.readString(certificateFile);
      key = Files.readString(keyFile);

      rendered =
          render(
              "--set-file=webhookTLS.caCert=" + certificateFile,
              "--set-file=webhookTLS.cert=" + certificateFile,
              "--set-file=webhookTLS.key=" + keyFile);
    } finally {
      Files.deleteIfExists(certificateFile);
      Files.deleteIfExists(keyFile);
      Files.delete(pem);
    }

    var secret = only(rendered, Secret.class);
    assertThat(decoded(secret.getData().get("tls.crt"))).isEqualTo(certificate);
    assertThat(decoded(secret.getData().get("tls.key"))).isEqualTo(key);
    assertThat(decoded(secret.getData().get("ca.crt"))).isEqualTo(certificate);
    assertThat(caBundles(rendered))
        .isNotEmpty()
        .allSatisfy(ca -> assertThat(decoded(ca)).isEqualTo(certificate));
    assertThat(kinds(rendered)).doesNotContain("Certificate");
  }

  @Test
  void enableCertManagerOfTheGoControllerChartHasCertManagerIssueTheCertificateFromACaOfTheChart() {
    var rendered = render("--set=enableCertManager=true");

    assertThat(kinds(rendered)).doesNotContain("Secret");
    var selfSigned = named(rendered, "Issuer", "elbv2-operator-selfsigned");
    assertThat((Object) selfSigned.get("spec", "selfSigned")).isNotNull();
    var ca = named(rendered, "Certificate", "elbv2-operator-ca");
    assertThat((Boolean) ca.get("spec", "isCA")).isTrue();
    assertThat(issuerOf(ca)).isEqualTo("Issuer/elbv2-operator-selfsigned");
    var caIssuer = named(rendered, "Issuer", "elbv2-operator-ca");
    assertThat((String) caIssuer.get("spec", "ca", "secretName"))
        .isEqualTo(ca.get("spec", "secretName"));
    var serving = named(rendered, "Certificate", "elbv2-operator-webhook");
    assertThat((Object) serving.get("spec", "isCA")).isNull();
    assertThat(issuerOf(serving)).isEqualTo("Issuer/elbv2-operator-ca");
    assertThat((String) serving.get("spec", "secretName"))
        .isEqualTo(mountedWebhookSecret(rendered));
    // The serving Secret's ca.crt, which cert-manager injects, is the certificate of the CA
    // Issuer: it stays the same when the serving certificate is renewed.
    assertThat(webhookConfigurations(rendered))
        .hasSize(2)
        .allSatisfy(
            configuration ->
                assertThat(configuration.getMetadata().getAnnotations())
                    .containsEntry(
                        "cert-manager.io/inject-ca-from", "kube-system/elbv2-operator-webhook"));
    assertThat(caBundles(rendered)).isEmpty();
  }

  @Test
  void issuerOfTheUsersOwnIssuesTheCertificateWithoutACaOfTheChart() {
    var rendered =
        render(
            "--set=webhook.certManager.enabled=true",
            "--set=webhook.certManager.issuerRef.name=corporate",
            "--set=webhook.certManager.issuerRef.kind=ClusterIssuer");

    assertThat(kinds(rendered)).doesNotContain("Issuer", "Secret");
    assertThat(only(rendered, GenericKubernetesResource.class))
        .satisfies(
            serving -> {
              assertThat(serving.getKind()).isEqualTo("Certificate");
              assertThat(issuerOf(serving)).isEqualTo("ClusterIssuer/corporate");
            });
  }

  @Test
  void podWebhookAsksOnlyAboutNewPodsOfLabelledNamespacesAndIgnoresItsFailures() {
    var rendered = render();
    var webhook = podWebhook(rendered);

    assertThat(webhook.getFailurePolicy()).isEqualTo("Ignore");
    assertThat(webhook.getSideEffects()).isEqualTo("None");
    assertThat(webhook.getTimeoutSeconds()).isEqualTo(10);
    assertThat(webhook.getClientConfig().getService().getPath())
        .isEqualTo(PodReadinessGateWebhook.PATH);
    assertThat(webhook.getRules())
        .containsExactly(
            new RuleWithOperationsBuilder()
                .withApiGroups("")
                .withApiVersions("v1")
                .withOperations("CREATE")
                .withResources("pods")
                .build());
    assertThat(webhook.getNamespaceSelector())
        .isEqualTo(
            new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey(PodReadinessGates.INJECT_LABEL)
                .withOperator("In")
                .withValues(PodReadinessGates.ENABLED)
                .endMatchExpression()
                .build());
    var operatorPod =
        only(rendered, Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    assertThat(webhook.getObjectSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(webhook.getObjectSelector().getMatchExpressions())
        .singleElement()
        .satisfies(
            expression -> {
              assertThat(expression.getOperator()).isEqualTo("NotIn");
              assertThat(expression.getValues())
                  .as("skips the operator's own pods")
                  .contains(operatorPod.get(expression.getKey()));
            });
  }

  @Test
  void targetGroupBindingWebhooksWaitLongerThanTheirAwsLookUpTakes() {
    var rendered = render();
    var mutating =
        only(rendered, MutatingWebhookConfiguration.class).getWebhooks().stream()
            .filter(webhook -> webhook.getName().equals("mtargetgroupbinding.elbv2.k8s.aws"))
            .findFirst()
            .orElseThrow();
    var validating =
        only(rendered, ValidatingWebhookConfiguration.class).getWebhooks().stream()
            .filter(webhook -> webhook.getName().equals("vtargetgroupbinding.elbv2.k8s.aws"))
            .findFirst()
            .orElseThrow();

    for (var timeoutSeconds :
        List.of(mutating.getTimeoutSeconds(), validating.getTimeoutSeconds())) {
      assertThat(Duration.ofSeconds(timeoutSeconds))
          .isEqualTo(TargetGroupBindingWebhooks.TIMEOUT)
          .isGreaterThan(TargetGroupBindingWebhooks.AWS_CALL_BUDGET);
    }
    assertThat(mutating.getClientConfig().getService().getPath())
        .isEqualTo(TargetGroupBindingWebhooks.MUTATE_PATH);
    assertThat(validating.getClientConfig().getService().getPath())
        .isEqualTo(TargetGroupBindingWebhooks.VALIDATE_PATH);
  }

  @Test
  void podWebhookFailurePolicyFailIsRenderedAsSet() {
    var webhook = podWebhook(render("--set=podMutatorWebhookConfig.failurePolicy=Fail"));

    assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
  }

  @Test
  void partOfACertificateOrOneBesideCertManagerIsRefused() {
    assertThatThrownBy(() -> render("--set=webhookTLS.cert=x"))
        .hasMessageContaining("webhookTLS: set caCert, cert and key together");
    assertThatThrownBy(
            () ->
                render(
                    "--set=enableCertManager=true",
                    "--set=webhookTLS.caCert=x",
                    "--set=webhookTLS.cert=x",
                    "--set=webhookTLS.key=x"))
        .hasMessageContaining("webhookTLS and cert-manager exclude each other");
  }

  @Test
  void theContainerStartsJavaWithTheOptionsOfTheImage() throws Exception {
    var chart =
        ChartRendering.of(client, helm, "--set=clusterName=my-cluster", "--set=region=cn-north-1");
    var image = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));

    assertThat(chart.environment()).containsEntry("MALLOC_ARENA_MAX", "2");
    assertThat(image)
        .contains("ENV JAVA_OPTS=\"" + chart.environment().get("JAVA_OPTS") + "\"")
        .contains("ENV MALLOC_ARENA_MAX=2");
    assertThat(chart.jvmOptions()).startsWith("-XX:MaxRAM=536870912").contains("-XX:+UseSerialGC");
  }

  @Test
  void inTreeNlbServicesAreLeftToTheCloudProviderByDefault() {
    assertThat(operatorEnv(render(), "ELBV2_MANAGE_IN_TREE_NLB_SERVICES")).isEqualTo("false");
    assertThat(
            operatorEnv(
                render("--set=manageInTreeNlbServices=true"), "ELBV2_MANAGE_IN_TREE_NLB_SERVICES"))
        .isEqualTo("true");
  }

  private static String operatorEnv(List<HasMetadata> rendered, String name) {
    return only(rendered, Deployment.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .stream()
        .flatMap(container -> container.getEnv().stream())
        .filter(env -> name.equals(env.getName()))
        .map(env -> env.getValue())
        .findFirst()
        .orElseThrow();
  }

  private List<HasMetadata> render(String... values) {
    var all =
        new ArrayList<String>(List.of("--set=clusterName=my-cluster", "--set=region=cn-north-1"));
    all.addAll(List.of(values));
    return ChartRendering.of(client, helm, all.toArray(String[]::new)).objects();
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> rendered, Class<T> type) {
    var found = rendered.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static GenericKubernetesResource named(
      List<HasMetadata> rendered, String kind, String name) {
    var found =
        rendered.stream()
            .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
            .map(GenericKubernetesResource.class::cast)
            .toList();
    assertThat(found).as(kind + " " + name).hasSize(1);
    return found.get(0);
  }

  /** A cert-manager Certificate's issuerRef as kind/name. */
  private static String issuerOf(GenericKubernetesResource certificate) {
    return certificate.get("spec", "issuerRef", "kind")
        + "/"
        + certificate.get("spec", "issuerRef", "name");
  }

  private static String mountedWebhookSecret(List<HasMetadata> rendered) {
    return only(rendered, Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(volume -> volume.getName().equals("webhook-cert"))
        .map(volume -> volume.getSecret().getSecretName())
        .findFirst()
        .orElseThrow();
  }

  private static MutatingWebhook podWebhook(List<HasMetadata> rendered) {
    return only(rendered, MutatingWebhookConfiguration.class).getWebhooks().stream()
        .filter(webhook -> webhook.getName().equals("mpod.elbv2.k8s.aws"))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> kinds(List<HasMetadata> rendered) {
    return rendered.stream().map(HasMetadata::getKind).toList();
  }

  private static List<HasMetadata> webhookConfigurations(List<HasMetadata> rendered) {
    return rendered.stream()
        .filter(
            o ->
                o instanceof MutatingWebhookConfiguration
                    || o instanceof ValidatingWebhookConfiguration)
        .toList();
  }

  /** The caBundle of every webhook of both configurations, where one is set. */
  private static List<String> caBundles(List<HasMetadata> rendered) {
    return rendered.stream()
        .flatMap(
            o -> {
              if (o instanceof MutatingWebhookConfiguration m) {
                return m.getWebhooks().stream().map(w -> w.getClientConfig().getCaBundle());
              }
              if (o instanceof ValidatingWebhookConfiguration v) {
                return v.getWebhooks().stream().map(w -> w.getClientConfig().getCaBundle());
              }
              return Stream.empty();
            })
        .filter(ca -> ca != null)
        .toList();
  }

  private static String decoded(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
