package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoCertificates;
import io.elbv2.operator.testing.OperatorOutOfProcess;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks of the Ingress controller against the local cluster (run by {@code bench/run.sh}, not
 * by the test suite), with the operator as a user gets it ({@link ChartOperator}): how long new
 * Ingresses wait for their ALB's address when 1, 20, 100 or 200 Ingresses of their own are created
 * at once, and the 50 members of one IngressGroup; the AWS calls per Ingress on creation and over a
 * load balancer resync period at rest; and what a restart beside the largest set costs (writes,
 * time until the last AWS call). Results go to {@code target/bench/ingress.txt}.
 */
@QuarkusTest
@TestProfile(OperatorOutOfProcess.class)
@QuarkusTestResource(LocalClusterResource.class)
class IngressBench {

  /** Sizes of the bursts of Ingresses alone, the last one also measured at rest and restarted. */
  private static final List<Integer> BATCHES =
      java.util.Arrays.stream(System.getProperty("bench.ingresses", "1,20,100,200").split(","))
          .map(size -> Integer.parseInt(size.trim()))
          .toList();

  private static final int GROUP_SIZE = Integer.getInteger("bench.group", 50);
  private static final boolean RESTART =
      Boolean.parseBoolean(System.getProperty("bench.restart", "true"));

  /**
   * {@code none}: HTTP Ingresses; {@code discovered}: HTTPS Ingresses whose certificate is found in
   * ACM by host; {@code named}: HTTPS Ingresses that name it in {@code certificate-arn}.
   */
  private static final String TLS = System.getProperty("bench.tls", "none");

  /** Certificates for other hosts that discovery reads too, as an account has them. */
  private static final int OTHER_CERTIFICATES = Integer.getInteger("bench.other-certificates", 10);

  @Inject KubernetesClient client;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  @Test
  void ingressToAddress() throws Exception {
    var chart = ChartOperator.forCluster(client, cluster);
    var report = new BenchReport(Path.of("target/bench/ingress.txt"));
    report.add(chart.description());
    var operator = chart.startLeading(proxy);
    try {
      for (var size : BATCHES) {
        operator = measure(report, chart, operator, size, false);
      }
      measure(report, chart, operator, GROUP_SIZE, true);
    } finally {
      operator.close();
    }
  }

  /** Measures one burst; returns the operator serving the cluster afterwards (restarted or not). */
  private OperatorProcess measure(
      BenchReport report, ChartOperator chart, OperatorProcess operator, int size, boolean oneGroup)
      throws Exception {
    var workloads = Workloads.inFreshNamespace(client, "bench-ing");
    try {
      workloads.deployment("app", 2, 8080);
      workloads.service("app", "NodePort");
      var domain = workloads.namespace() + ".bench.example.com";
      var certificate = TLS.equals("none") ? null : certificates(domain);
      proxy.reset();
      double cpu = operator.cpuSeconds();
      var latencies =
          createAndAwaitAddresses(workloads.namespace(), size, oneGroup, domain, certificate);
      cpu = operator.cpuSeconds() - cpu;
      report.add(
          String.format(
              "%d %s%s created at once -> address in status (ms): first %d, p50 %d, p99 %d, max %d;"
                  + " operator CPU %.1f s; then %s",
              size,
              oneGroup ? "members of one IngressGroup" : "Ingresses of their own",
              TLS.equals("none") ? "" : " (HTTPS, certificate " + TLS + ")",
              latencies.get(0),
              BenchFigures.percentile(latencies, 50),
              BenchFigures.percentile(latencies, 99),
              latencies.get(size - 1),
              cpu,
              ProcessMemory.of(operator)));
      // Every Ingress has a target group of its own for the same Service and port.
      await()
          .atMost(Duration.ofMinutes(10))
          .until(() -> ReadyBindings.in(client, workloads.namespace()) == size);
      report.add(
          String.format(
              "  AWS calls per Ingress until its address is set and its binding Ready: %s",
              BenchFigures.perObject(proxy.requestsByAction(), size)));
      if (certificate != null) {
        report.add(
            String.format(
                "  ACM calls for the whole burst: ListCertificates %d, DescribeCertificate %d"
                    + " (%d certificates in the account)",
                proxy.requests("ListCertificates"),
                proxy.requests("DescribeCertificate"),
                certificatesInAccount()));
      }
      if (!oneGroup && size == BATCHES.get(BATCHES.size() - 1)) {
        var period = chart.loadBalancerResyncPeriod();
        report.add(
            String.format(
                "  at rest, AWS calls per Ingress over one load balancer resync period (%s): %s",
                period, BenchFigures.callsAtRest(proxy, period, size)));
        if (RESTART) {
          var restart = chart.restart(operator, proxy, "ingress", size);
          report.add(String.format("  restarted beside %d served Ingresses: %s", size, restart));
          return restart.process();
        }
      }
      return operator;
    } finally {
      workloads.deleteAndAwait(Duration.ofMinutes(15));
    }
  }

  /** The wildcard certificate that covers the burst's hosts, among others that cover none. */
  private String certificates(String domain) {
    for (int i = 0; i < OTHER_CERTIFICATES; i++) {
      MotoCertificates.imported(cluster, "other-" + i + "." + domain + ".invalid");
    }
    return MotoCertificates.imported(cluster, "*." + domain);
  }

  private int certificatesInAccount() {
    try (var acm = cluster.acmAdmin()) {
      return acm.listCertificatesPaginator(r -> {}).certificateSummaryList().stream()
          .mapToInt(c -> 1)
          .sum();
    }
  }

  private List<Long> createAndAwaitAddresses(
      String namespace, int size, boolean oneGroup, String domain, String certificate) {
    try (var watch =
        new AddressWatch<>(
            client.network().v1().ingresses().inNamespace(namespace), IngressBench::address)) {
      var created = new HashMap<String, Long>();
      for (int i = 0; i < size; i++) {
        var name = "ing-" + i;
        created.put(name, System.nanoTime());
        client.resource(ingress(namespace, name, oneGroup, domain, certificate)).create();
      }
      return watch.awaitLatencies(created);
    }
  }

  private static Ingress ingress(
      String namespace, String name, boolean oneGroup, String domain, String certificate) {
    var annotations = new HashMap<String, String>();
    annotations.put("kubernetes.io/ingress.class", "alb");
    annotations.put("alb.ingress.kubernetes.io/target-type", "ip");
    if (oneGroup) {
      annotations.put("alb.ingress.kubernetes.io/group.name", "bench");
    }
    if (certificate != null) {
      annotations.put("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTPS\": 443}]");
      if (TLS.equals("named")) {
        annotations.put("alb.ingress.kubernetes.io/certificate-arn", certificate);
      }
    }
    var tls = certificate != null;
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .addNewRule()
        .withHost(oneGroup || tls ? name + "." + domain : null)
        .withNewHttp()
        .addNewPath()
        .withPath("/")
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName("app")
        .withNewPort()
        .withNumber(80)
        .endPort()
        .endService()
        .endBackend()
        .endPath()
        .endHttp()
        .endRule()
        .endSpec()
        .build();
  }

  private static String address(Ingress ingress) {
    var status = ingress.getStatus();
    if (status == null
        || status.getLoadBalancer() == null
        || status.getLoadBalancer().getIngress() == null
        || status.getLoadBalancer().getIngress().isEmpty()) {
      return null;
    }
    return status.getLoadBalancer().getIngress().get(0).getHostname();
  }
}
