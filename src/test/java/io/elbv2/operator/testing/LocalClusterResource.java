package io.elbv2.operator.testing;

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

  private LocalCluster cluster;
  private FaultInjectingProxy proxy;

  @Override
  public Map<String, String> start() {
    cluster = LocalCluster.start();
    try {
      proxy = new FaultInjectingProxy(URI.create(cluster.get("AWS_ENDPOINT_URL")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The default credentials chain reads these; moto accepts any.
    System.setProperty("aws.accessKeyId", cluster.get("AWS_ACCESS_KEY_ID"));
    System.setProperty("aws.secretAccessKey", cluster.get("AWS_SECRET_ACCESS_KEY"));
    return Map.ofEntries(
        Map.entry("quarkus.kubernetes-client.api-server-url", cluster.get("KUBERNETES_API_SERVER")),
        Map.entry("quarkus.kubernetes-client.ca-cert-file", cluster.get("KUBERNETES_CA_FILE")),
        Map.entry(
            "quarkus.kubernetes-client.client-cert-file",
            cluster.get("KUBERNETES_CLIENT_CERT_FILE")),
        Map.entry(
            "quarkus.kubernetes-client.client-key-file", cluster.get("KUBERNETES_CLIENT_KEY_FILE")),
        Map.entry("quarkus.operator-sdk.crd.apply", "true"),
        Map.entry("elbv2.cluster-name", cluster.get("ELBV2_CLUSTER_NAME")),
        Map.entry("elbv2.aws.region", cluster.get("AWS_REGION")),
        Map.entry("elbv2.aws.vpc-id", cluster.get("ELBV2_VPC_ID")),
        Map.entry("elbv2.aws.endpoint", proxy.endpoint().toString()),
        Map.entry("elbv2.aws.attempt-timeout", "3s"),
        Map.entry("elbv2.aws.call-timeout", "20s"));
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(proxy, new TestInjector.MatchesType(FaultInjectingProxy.class));
    injector.injectIntoFields(cluster, new TestInjector.MatchesType(LocalCluster.class));
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
