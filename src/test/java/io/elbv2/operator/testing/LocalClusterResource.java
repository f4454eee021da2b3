package io.elbv2.operator.testing;

import io.elbv2.operator.testing.iam.IamEnforcement;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * Points the operator under test at the local cluster: the real kube-apiserver, and moto behind a
 * {@link FaultInjectingProxy} that tests can arm. Tests get the proxy and the cluster's settings
 * injected into fields of those types.
 */
public class LocalClusterResource implements QuarkusTestResourceLifecycleManager {

  /**
   * The Pod the operator under test records its own events on, in the {@code default} namespace.
   */
  public static final String OPERATOR_POD = "elbv2-operator-under-test";

  private LocalCluster cluster;
  private FaultInjectingProxy proxy;
  private int webhookPort;

  @Override
  public Map<String, String> start() {
    cluster = LocalCluster.start();
    webhookPort = freePort();
    try {
      var moto = URI.create(cluster.get("AWS_ENDPOINT_URL"));
      proxy = new FaultInjectingProxy(moto);
      // moto enforces no IAM: the proxy applies the policies users install to every call.
      proxy.enforce(IamEnforcement.ofProjectPolicies(cluster.elbv2Admin(), cluster.ec2Admin()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Read at run time by the Kubernetes client and by the SDK's default credentials chain, as in
    // production (the
    // equivalents of KUBECONFIG, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); moto accepts any
    // credentials.
    System.setProperty("kubeconfig", cluster.get("KUBECONFIG"));
    System.setProperty("aws.accessKeyId", cluster.get("AWS_ACCESS_KEY_ID"));
    System.setProperty("aws.secretAccessKey", cluster.get("AWS_SECRET_ACCESS_KEY"));
    return Map.ofEntries(
        Map.entry("elbv2.cluster-name", cluster.get("ELBV2_CLUSTER_NAME")),
        Map.entry("elbv2.aws.region", cluster.get("AWS_REGION")),
        Map.entry("elbv2.aws.vpc-id", cluster.get("ELBV2_VPC_ID")),
        Map.entry("elbv2.aws.endpoint", proxy.endpoint().toString()),
        Map.entry("quarkus.http.test-ssl-port", Integer.toString(webhookPort)),
        Map.entry("quarkus.http.ssl.certificate.files", cluster.get("ELBV2_WEBHOOK_CERT_FILE")),
        Map.entry("quarkus.http.ssl.certificate.key-files", cluster.get("ELBV2_WEBHOOK_KEY_FILE")),
        Map.entry("elbv2.aws.attempt-timeout", "3s"),
        // The local cluster has no cloud provider, and the tests serve in-tree `nlb` Services too.
        Map.entry("elbv2.manage-in-tree-nlb-services", "true"),
        Map.entry("elbv2.aws.call-timeout", "20s"),
        // The operator runs in the test's JVM: its events go on a Pod of this name, which need not
        // exist.
        Map.entry("elbv2.pod-name", OPERATOR_POD),
        Map.entry("elbv2.pod-namespace", "default"),
        // Short, so that tests see drift repaired without waiting minutes.
        Map.entry("elbv2.target-group-binding-resync-period", "5s"),
        Map.entry("elbv2.load-balancer-resync-period", "5s"),
        Map.entry("elbv2.readiness-gate-recheck-period", "2s"));
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(proxy, new TestInjector.MatchesType(FaultInjectingProxy.class));
    injector.injectIntoFields(cluster, new TestInjector.MatchesType(LocalCluster.class));
    injector.injectIntoFields(
        new WebhookEndpoint(URI.create("https://127.0.0.1:" + webhookPort)),
        new TestInjector.MatchesType(WebhookEndpoint.class));
  }

  private static int freePort() {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
