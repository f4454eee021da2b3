package io.elbv2.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.targetgroupbinding.Bindings;
import io.elbv2.operator.targetgroupbinding.ReadinessGates;
import io.elbv2.operator.testing.Certificates;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.Helm;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.OperatorOutOfProcess;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.Workloads;
import io.elbv2.operator.webhook.PodReadinessGates;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The chart installed with helm as a user installs it, then upgraded, its Deployment scaled to 0
 * (no registry here): the packaged operator runs outside the cluster in the place of the pod, with
 * the Deployment's settings, a token of the chart's ServiceAccount (so nothing but the chart's
 * RBAC), and the chart's webhook configurations calling it. A permission the chart lacks shows as
 * an operator that cannot start, an object never served or released, or "forbidden" in its log.
 *
 * <p>It is the only operator acting: none runs in the test JVM (the out-of-process profile), and it
 * serves a load balancer class and an Ingress class of its own, so Services and Ingresses that
 * other tests leave behind are not its.
 */
@QuarkusTest
@TestProfile(OperatorOutOfProcess.class)
@QuarkusTestResource(LocalClusterResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmInstallIT {

  private static final Path CHART = Path.of("helm/elbv2-operator");

  /**
   * Releases, and their namespaces, are named so; a run that was killed is cleaned up by the next.
   */
  private static final String RELEASE_PREFIX = "elbv2-operator-it-";

  private static final String WORKLOADS_PREFIX = "helm-install";
  private static final String LOAD_BALANCER_CLASS = "service.k8s.aws/helm-install";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  LocalCluster cluster;

  /** In front of moto, applying the IAM policies to the operator process's calls. */
  FaultInjectingProxy proxy;

  private Helm helm;
  private String release;
  private Workloads workloads;
  private MotoTargetGroups targetGroups;
  private int webhookPort;
  private Path certificates;
  private Map<String, String> environment;
  private OperatorProcess operator;
  private ChartCertificates installed;
  private ChartCertificates upgraded;
  private int upgradedRevision;

  /**
   * The CA and serving certificate the chart generated, as its Secret holds them, and the caBundle
   * of each webhook of its configurations, by webhook name.
   */
  record ChartCertificates(String ca, String certificate, Map<String, String> caBundles) {}

  @BeforeAll
  void installTheChartAndRunTheOperatorAsItsServiceAccount() throws Exception {
    helm = Helm.of(cluster);
    removeWhatAnInterruptedRunLeft();
    release = RELEASE_PREFIX + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(release).endMetadata().build())
        .create();
    workloads = Workloads.inFreshNamespace(client, WORKLOADS_PREFIX);
    targetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
    webhookPort = freePort();
    helm.run(
        "install",
        release,
        CHART.toAbsolutePath().toString(),
        "--namespace=" + release,
        "--set=replicaCount=0",
        "--set=clusterName=" + cluster.get("ELBV2_CLUSTER_NAME"),
        "--set=region=" + cluster.get("AWS_REGION"),
        "--set=vpcId=" + cluster.get("ELBV2_VPC_ID"),
        "--set=awsApiEndpoint=" + proxy.endpoint(),
        "--set=loadBalancerClass=" + LOAD_BALANCER_CLASS,
        "--set=ingressClass=" + release,
        "--set=webhook.port=" + webhookPort,
        "--set=webhook.certificateReloadPeriod=30s");
    // Before the webhooks are repointed below: an upgrade would put the chart's back.
    installed = chartCertificates();
    helm.run(
        "upgrade",
        release,
        CHART.toAbsolutePath().toString(),
        "--namespace=" + release,
        "--reuse-values");
    upgraded = chartCertificates();
    upgradedRevision = revision();
    callTheLocalOperatorFromTheChartsWebhooks();

    // As the kubelet mounts a Secret: files under a link that a renewal moves in one step.
    certificates = Files.createTempDirectory("elbv2-webhook-certificate-");
    var first = Files.createDirectory(certificates.resolve("first"));
    Files.copy(Path.of(cluster.get("ELBV2_WEBHOOK_CERT_FILE")), first.resolve("tls.crt"));
    Files.copy(Path.of(cluster.get("ELBV2_WEBHOOK_KEY_FILE")), first.resolve("tls.key"));
    Files.createSymbolicLink(certificates.resolve("current"), first.getFileName());

    environment = environmentOfTheDeployment();
    startOperator();
  }

  private void startOperator() {
    operator = OperatorProcess.start(cluster, proxy.endpoint(), environment);
    await()
        .atMost(TIMEOUT)
        .ignoreExceptionsInstanceOf(IOException.class)
        // metrics() fails at once, naming the log, when the operator exits (e.g. forbidden to
        // list).
        .until(() -> !operator.metrics().isEmpty() && servedCertificate() != null);
  }

  @AfterAll
  void uninstall() throws Exception {
    String log = "";
    try {
      if (workloads != null) {
        // While the operator runs, so that it releases what holds its finalizers.
        workloads.deleteAndAwait(TIMEOUT);
      }
    } finally {
      if (operator != null) {
        log = operator.log();
        operator.close();
      }
      if (release != null) {
        helm.run("uninstall", release, "--namespace=" + release);
        client.namespaces().withName(release).delete();
      }
      if (targetGroups != null) {
        targetGroups.deleteAll();
      }
      deleteFolder(certificates);
    }
    assertThat(log).as("the operator's log").doesNotContainIgnoringCase("forbidden");
  }

  @Test
  void servesAndReleasesAServiceOfItsLoadBalancerClass() {
    workloads.deployment("nlb-app", 2, 8080);
    var service =
        new ServiceBuilder(
                LoadBalancerServices.tcp(
                    workloads.namespace(), "web", "nlb-app", 80, 8080, Map.of()))
            .editSpec()
            .withLoadBalancerClass(LOAD_BALANCER_CLASS)
            .endSpec()
            .build();
    client.resource(service).create();

    var hostname = await().atMost(TIMEOUT).until(() -> hostname(service), Optional::isPresent);
    var loadBalancer = loadBalancerNamed(hostname.get());
    assertThat(loadBalancer)
        .hasValueSatisfying(lb -> assertThat(lb.typeAsString()).isEqualTo("network"));

    client.resource(service).delete();
    await().atMost(TIMEOUT).until(() -> client.resource(service).get() == null);
    assertThat(loadBalancerNamed(hostname.get())).isEmpty();
    assertThat(operator.log()).doesNotContainIgnoringCase("forbidden");
  }

  @Test
  void servesABindingThroughTheChartsWebhooks() {
    workloads.deployment("tgb-app", 2, 8080);
    workloads.service("tgb-app", "ClusterIP");
    var arn = targetGroups.create(TargetTypeEnum.IP);

    var created = client.resource(binding("tgb-app", arn)).create();

    assertThat(created.getSpec().targetType())
        .as("filled in by the mutating webhook")
        .isEqualTo(TargetType.IP);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(targetGroups.targets(arn))
                    .isNotEmpty()
                    .isEqualTo(workloads.readyPodTargets("tgb-app", 8080)));
    assertThatThrownBy(
            () ->
                client
                    .resources(TargetGroupBinding.class)
                    .inNamespace(workloads.namespace())
                    .withName("tgb-app")
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"targetType\":\"instance\"}}"))
        .as("refused by the validating webhook")
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("may not change these fields: spec.targetType");

    client.resource(created).delete();
    await().atMost(TIMEOUT).until(() -> client.resource(created).get() == null);
    assertThat(targetGroups.targets(arn)).isEmpty();
    assertThat(operator.log()).doesNotContainIgnoringCase("forbidden");
  }

  @Test
  void gatesAPodThroughTheChartsPodWebhookAndSetsItsConditionFromTargetHealth() {
    enableInjection();
    workloads.service("gated-app", "ClusterIP");
    var arn = targetGroups.create(TargetTypeEnum.IP);
    client.resource(binding("gated-app", arn)).create();
    await()
        .atMost(TIMEOUT)
        .until(() -> ReadyBindings.isReady(client, workloads.namespace(), "gated-app"));

    workloads.deployment("gated-app", 2, 8080);

    var gate = ReadinessGates.conditionType("gated-app");
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              var pods =
                  client
                      .pods()
                      .inNamespace(workloads.namespace())
                      .withLabel("app", "gated-app")
                      .list()
                      .getItems();
              assertThat(pods)
                  .hasSize(2)
                  .allSatisfy(
                      pod -> {
                        assertThat(pod.getSpec().getReadinessGates())
                            .as("injected by the chart's pod webhook")
                            .anyMatch(g -> g.getConditionType().equals(gate));
                        assertThat(ReadinessGates.condition(pod, gate))
                            .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
                        assertThat(Workloads.ready(pod)).isTrue();
                      });
              assertThat(targetGroups.healthyTargets(arn))
                  .isEqualTo(workloads.readyPodTargets("gated-app", 8080));
            });
    assertThat(operator.log()).doesNotContainIgnoringCase("forbidden");
  }

  @Test
  void anUpgradeKeepsTheCaAndCertificateTheChartGenerated() {
    assertThat(upgradedRevision).isEqualTo(2);
    assertThat(installed.caBundles())
        .containsOnlyKeys(
            "mtargetgroupbinding.elbv2.k8s.aws",
            "mpod.elbv2.k8s.aws",
            "vtargetgroupbinding.elbv2.k8s.aws")
        .allSatisfy((webhook, caBundle) -> assertThat(caBundle).isEqualTo(installed.ca()));
    assertThat(upgraded).isEqualTo(installed);
  }

  /**
   * Runs last, as it stops the operator; the operator is started again for the cleanup, which needs
   * it to release its finalizers.
   */
  @Test
  @Order(Order.DEFAULT + 1)
  void podsOfALabelledNamespaceAreCreatedWithoutGatesWhileTheOperatorIsStopped() throws Exception {
    enableInjection();
    workloads.service("stopped-app", "ClusterIP");
    client.resource(binding("stopped-app", targetGroups.create(TargetTypeEnum.IP))).create();
    await()
        .atMost(TIMEOUT)
        .until(() -> ReadyBindings.isReady(client, workloads.namespace(), "stopped-app"));
    assertThat(gates(createPod("stopped-app-running", "stopped-app")))
        .as("while the operator runs, the chart's pod webhook gates the pod")
        .containsExactly(ReadinessGates.conditionType("stopped-app"));
    assertThat(operator.log()).doesNotContainIgnoringCase("forbidden");

    operator.terminate(Duration.ofSeconds(30));
    try {
      var pod = createPod("stopped-app-stopped", "stopped-app");

      assertThat(pod.getMetadata().getUid()).isNotBlank();
      assertThat(gates(pod)).isEmpty();
      assertThat(pod.getMetadata().getLabels()).doesNotContainKey(ReadinessGates.GATED_LABEL);
    } finally {
      startOperator();
    }
  }

  @Test
  void servesARenewedWebhookCertificateWithoutARestart() throws Exception {
    var renewed = renewCertificate();

    // A handshake that meets the reload may be cut; the API server calls again on such errors.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptionsInstanceOf(SSLException.class)
        .until(() -> servedCertificate().equals(renewed));

    // The API server reaches the webhooks over the renewed certificate (a dry run calls them too).
    var arn = targetGroups.create(TargetTypeEnum.IP);
    var admitted = client.resource(binding("renewed", arn)).dryRun().create();
    assertThat(admitted.getSpec().targetType()).isEqualTo(TargetType.IP);
  }

  private void enableInjection() {
    client
        .namespaces()
        .withName(workloads.namespace())
        .edit(
            ns -> {
              ns.getMetadata()
                  .getLabels()
                  .put(PodReadinessGates.INJECT_LABEL, PodReadinessGates.ENABLED);
              return ns;
            });
  }

  private Pod createPod(String name, String app) {
    return client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(workloads.namespace())
                .withLabels(Map.of("app", app))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(app)
                .withImage("nginx:1.27")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private static List<String> gates(Pod pod) {
    return pod.getSpec().getReadinessGates().stream()
        .map(PodReadinessGate::getConditionType)
        .toList();
  }

  private ChartCertificates chartCertificates() {
    var secret = client.secrets().inNamespace(release).withName(release + "-webhook-tls").get();
    var caBundles = new HashMap<String, String>();
    var admission = client.admissionRegistration().v1();
    admission
        .mutatingWebhookConfigurations()
        .withName(release + "-webhook")
        .get()
        .getWebhooks()
        .forEach(w -> caBundles.put(w.getName(), w.getClientConfig().getCaBundle()));
    admission
        .validatingWebhookConfigurations()
        .withName(release + "-webhook")
        .get()
        .getWebhooks()
        .forEach(w -> caBundles.put(w.getName(), w.getClientConfig().getCaBundle()));
    return new ChartCertificates(
        secret.getData().get("ca.crt"), secret.getData().get("tls.crt"), caBundles);
  }

  private int revision() throws IOException {
    return new ObjectMapper()
        .readTree(helm.run("status", release, "--namespace=" + release, "--output=json"))
        .path("version")
        .asInt();
  }

  /**
   * The chart's Deployment's settings, with what differs outside a pod: the token's kubeconfig, the
   * lease's namespace and the certificate files (the pod mounts them from the chart's Secret, whose
   * certificate names the in-cluster Service, not 127.0.0.1).
   */
  private Map<String, String> environmentOfTheDeployment() throws IOException {
    var deployment = client.apps().deployments().inNamespace(release).withName(release).get();
    assertThat(deployment.getSpec().getReplicas()).isZero();
    var environment = new HashMap<String, String>();
    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(variable -> variable.getValue() != null)
        .forEach(variable -> environment.put(variable.getName(), variable.getValue()));
    assertThat(environment)
        .containsEntry("QUARKUS_HTTP_SSL_PORT", Integer.toString(webhookPort))
        .containsEntry("QUARKUS_HTTP_SSL_CERTIFICATE_RELOAD_PERIOD", "30s")
        .containsKeys(
            "QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES");
    environment.put(
        "QUARKUS_HTTP_SSL_CERTIFICATE_FILES", certificates.resolve("current/tls.crt").toString());
    environment.put(
        "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES",
        certificates.resolve("current/tls.key").toString());
    assertThat(serviceAccountMay("list", "secrets"))
        .as("RBAC is enforced (kube-apiserver --authorization-mode=Node,RBAC)")
        .isFalse();
    environment.put("KUBECONFIG", kubeconfigOfTheServiceAccount().toString());
    environment.put("ELBV2_LEADER_ELECTION_NAMESPACE", release);
    return environment;
  }

  private boolean serviceAccountMay(String verb, String resource) {
    return client
        .authorization()
        .v1()
        .subjectAccessReview()
        .create(
            new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser("system:serviceaccount:" + release + ":" + release)
                .withNewResourceAttributes()
                .withVerb(verb)
                .withResource(resource)
                .endResourceAttributes()
                .endSpec()
                .build())
        .getStatus()
        .getAllowed();
  }

  /** A kubeconfig that authenticates as the chart's ServiceAccount with a token, as in its pod. */
  private Path kubeconfigOfTheServiceAccount() throws IOException {
    var token =
        client
            .serviceAccounts()
            .inNamespace(release)
            .withName(release)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    var config = client.getConfiguration();
    var kubeconfig = Files.createTempFile(certificates, "operator-", ".kubeconfig");
    Files.writeString(
        kubeconfig,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: local",
            "  cluster:",
            "    server: " + config.getMasterUrl(),
            config.getCaCertFile() != null
                ? "    certificate-authority: " + config.getCaCertFile()
                : "    certificate-authority-data: " + config.getCaCertData(),
            "users:",
            "- name: operator",
            "  user:",
            "    token: " + token,
            "contexts:",
            "- name: local",
            "  context: {cluster: local, user: operator, namespace: " + release + "}",
            "current-context: local",
            ""));
    return kubeconfig;
  }

  /**
   * Points every webhook of the chart's configurations at the local operator: its URL with the
   * chart's path, and the CA of its certificate. Each also answers for the test's namespace only,
   * so that configurations a killed run leaves behind stop no other test.
   */
  private void callTheLocalOperatorFromTheChartsWebhooks() throws IOException {
    var caBundle =
        Base64.getEncoder()
            .encodeToString(Files.readAllBytes(Path.of(cluster.get("ELBV2_WEBHOOK_CA_FILE"))));
    var name = release + "-webhook";
    var admission = client.admissionRegistration().v1();
    admission
        .mutatingWebhookConfigurations()
        .withName(name)
        .edit(
            configuration -> {
              configuration
                  .getWebhooks()
                  .forEach(
                      webhook -> {
                        webhook.setClientConfig(local(webhook.getClientConfig(), caBundle));
                        webhook.setNamespaceSelector(
                            testNamespaceOnly(webhook.getNamespaceSelector()));
                      });
              return configuration;
            });
    admission
        .validatingWebhookConfigurations()
        .withName(name)
        .edit(
            configuration -> {
              configuration
                  .getWebhooks()
                  .forEach(
                      webhook -> {
                        webhook.setClientConfig(local(webhook.getClientConfig(), caBundle));
                        webhook.setNamespaceSelector(
                            testNamespaceOnly(webhook.getNamespaceSelector()));
                      });
              return configuration;
            });
  }

  private WebhookClientConfig local(WebhookClientConfig chart, String caBundle) {
    return new WebhookClientConfigBuilder()
        .withUrl("https://127.0.0.1:" + webhookPort + chart.getService().getPath())
        .withCaBundle(caBundle)
        .build();
  }

  private LabelSelector testNamespaceOnly(LabelSelector chart) {
    return new LabelSelectorBuilder(chart == null ? new LabelSelector() : chart)
        .addNewMatchExpression()
        .withKey("kubernetes.io/metadata.name")
        .withOperator("In")
        .withValues(workloads.namespace())
        .endMatchExpression()
        .build();
  }

  /**
   * A new key and certificate for 127.0.0.1 from the cluster's CA, moved in place of the served
   * ones in one step, as the kubelet updates a mounted Secret that cert-manager renewed.
   */
  private X509Certificate renewCertificate() throws IOException {
    var renewed = Files.createDirectory(certificates.resolve("renewed"));
    Certificates.forLocalhost(
        renewed,
        "elbv2-operator-renewed",
        Path.of(cluster.get("ELBV2_WEBHOOK_CA_FILE")),
        Path.of(cluster.get("ELBV2_WEBHOOK_CA_KEY_FILE")));
    var link = certificates.resolve("current.next");
    Files.createSymbolicLink(link, renewed.getFileName());
    Files.move(link, certificates.resolve("current"), StandardCopyOption.ATOMIC_MOVE);
    return Certificates.read(renewed.resolve("tls.crt"));
  }

  /** The certificate the webhook port presents, checked against the cluster's CA. */
  private X509Certificate servedCertificate() throws IOException {
    return Certificates.served(webhookPort, Path.of(cluster.get("ELBV2_WEBHOOK_CA_FILE")));
  }

  /**
   * Uninstalls the releases of runs killed before their cleanup and deletes their namespaces; this
   * run's operator then releases what their objects still hold (it serves the same classes).
   */
  private void removeWhatAnInterruptedRunLeft() {
    for (var name : helm.run("list", "--all-namespaces", "--all", "--short").split("\\s+")) {
      if (name.startsWith(RELEASE_PREFIX)) {
        helm.run("uninstall", name, "--namespace=" + name);
      }
    }
    client.namespaces().list().getItems().stream()
        .map(namespace -> namespace.getMetadata().getName())
        .filter(name -> name.startsWith(RELEASE_PREFIX) || name.startsWith(WORKLOADS_PREFIX + "-"))
        .forEach(name -> client.namespaces().withName(name).delete());
  }

  /** A binding of the Service's port 80 with no target type: the mutating webhook fills it. */
  private TargetGroupBinding binding(String service, String targetGroupArn) {
    return Bindings.binding(workloads.namespace(), service, targetGroupArn, null, service, null);
  }

  private Optional<String> hostname(Service service) {
    return Optional.ofNullable(client.resource(service).get())
        .map(s -> s.getStatus().getLoadBalancer().getIngress())
        .filter(ingress -> !ingress.isEmpty())
        .map(ingress -> ingress.get(0).getHostname());
  }

  private Optional<LoadBalancer> loadBalancerNamed(String dnsName) {
    return elbv2.describeLoadBalancersPaginator(r -> {}).loadBalancers().stream()
        .filter(lb -> lb.dnsName().equals(dnsName))
        .findFirst();
  }

  private static void deleteFolder(Path folder) throws IOException {
    if (folder == null || !Files.exists(folder)) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
