package io.elbv2.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operator run with nothing but the permissions the chart grants: the rendered manifests'
 * ServiceAccount, roles and bindings, and a token of that ServiceAccount, as in a pod. A missing
 * permission shows as an operator that cannot start, a Service that is never served or released, or
 * a "forbidden" answer in its log.
 */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class ChartRbacIT {

  private static final Path MANIFESTS = Path.of("kubernetes/elbv2-operator.yaml");
  private static final Set<String> RBAC_KINDS =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

  /** A class the operator under test serves and the test's in-process operator does not. */
  private static final String LOAD_BALANCER_CLASS = "service.k8s.aws/chart-rbac";

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Inject KubernetesClient client;
  LocalCluster cluster;

  @Test
  void operatorWithTheChartsPermissionsServesAndReleasesAService() throws Exception {
    var rbac = chartRbac();
    rbac.forEach(object -> client.resource(object).forceConflicts().serverSideApply());
    var account = serviceAccount(rbac);
    var workloads = Workloads.inFreshNamespace(client, "rbac");
    try (var operator =
        OperatorProcess.start(
            cluster,
            URI.create(cluster.get("AWS_ENDPOINT_URL")),
            Map.of(
                "KUBECONFIG", kubeconfigOf(account).toString(),
                "ELBV2_LOAD_BALANCER_CLASS", LOAD_BALANCER_CLASS,
                "ELBV2_LEADER_ELECTION_NAMESPACE", account.getMetadata().getNamespace()))) {
      workloads.deployment("app", 2, 8080);
      var service =
          new ServiceBuilder(
                  LoadBalancerServices.tcp(workloads.namespace(), "web", "app", 80, 8080, Map.of()))
              .editSpec()
              .withLoadBalancerClass(LOAD_BALANCER_CLASS)
              .endSpec()
              .build();
      client.resource(service).create();

      await()
          .atMost(TIMEOUT)
          .until(
              () -> {
                var ingress = get(workloads, "web").getStatus().getLoadBalancer().getIngress();
                return ingress != null && !ingress.isEmpty();
              });
      client.resource(service).delete();
      await().atMost(TIMEOUT).until(() -> get(workloads, "web") == null);

      assertThat(operator.log()).doesNotContainIgnoringCase("forbidden");
    } finally {
      workloads.delete();
    }
  }

  private List<HasMetadata> chartRbac() throws IOException {
    try (var manifests = Files.newInputStream(MANIFESTS)) {
      return client.load(manifests).items().stream()
          .filter(object -> RBAC_KINDS.contains(object.getKind()))
          .toList();
    }
  }

  private static HasMetadata serviceAccount(List<HasMetadata> rbac) {
    return rbac.stream()
        .filter(object -> object.getKind().equals("ServiceAccount"))
        .findFirst()
        .orElseThrow();
  }

  /** A kubeconfig that authenticates as the ServiceAccount, with a token the API server issues. */
  private Path kubeconfigOf(HasMetadata account) throws IOException {
    var token =
        client
            .serviceAccounts()
            .inNamespace(account.getMetadata().getNamespace())
            .withName(account.getMetadata().getName())
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    var config = client.getConfiguration();
    var kubeconfig = Files.createTempFile("elbv2-operator-rbac-", ".kubeconfig");
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
            "  context: {cluster: local, user: operator}",
            "current-context: local",
            ""));
    return kubeconfig;
  }

  private io.fabric8.kubernetes.api.model.Service get(Workloads workloads, String name) {
    return client.services().inNamespace(workloads.namespace()).withName(name).get();
  }
}
