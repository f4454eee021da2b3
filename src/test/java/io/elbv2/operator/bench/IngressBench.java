package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks of the Ingress controller against the local cluster (run by {@code bench/run.sh}, not
 * by the test suite): how long new Ingresses wait for their ALB's address when 1, 20, 100 or 200
 * Ingresses of their own are created at once, and the 50 members of one IngressGroup; the AWS calls
 * per Ingress on creation and per resync; and what a second operator process started beside the
 * largest set does (writes, time until everything is reconciled). Results go to {@code
 * target/bench/ingress.txt}.
 */
@QuarkusTest
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

  @Inject KubernetesClient client;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  @Test
  void ingressToAddress() throws Exception {
    var report = new ArrayList<String>();
    for (var size : BATCHES) {
      measure(report, size, false);
    }
    measure(report, GROUP_SIZE, true);
    var out = Path.of("target/bench/ingress.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, report);
    report.forEach(System.out::println);
  }

  private void measure(List<String> report, int size, boolean oneGroup) throws Exception {
    var workloads = Workloads.inFreshNamespace(client, "bench-ing");
    try {
      workloads.deployment("app", 2, 8080);
      workloads.service("app", "NodePort");
      proxy.reset();
      var latencies = createAndAwaitAddresses(workloads.namespace(), size, oneGroup);
      report.add(
          String.format(
              "%d %s created at once -> address in status (ms): p50 %d, p99 %d, max %d",
              size,
              oneGroup ? "members of one IngressGroup" : "Ingresses of their own",
              BenchFigures.percentile(latencies, 50),
              BenchFigures.percentile(latencies, 99),
              latencies.get(size - 1)));
      // Every Ingress has a target group of its own for the same Service and port.
      await()
          .atMost(Duration.ofMinutes(10))
          .until(() -> ReadyBindings.in(client, workloads.namespace()) == size);
      report.add(
          String.format(
              "  AWS calls per Ingress until its address is set and its binding Ready: %s",
              BenchFigures.perObject(proxy.requestsByAction(), size)));
      if (!oneGroup && size == BATCHES.get(BATCHES.size() - 1)) {
        steadyState(report, size);
        if (RESTART) {
          restartedProcess(report, size);
        }
      }
    } finally {
      workloads.deleteAndAwait(Duration.ofMinutes(15));
    }
  }

  private List<Long> createAndAwaitAddresses(String namespace, int size, boolean oneGroup) {
    try (var watch =
        new AddressWatch<>(
            client.network().v1().ingresses().inNamespace(namespace), IngressBench::address)) {
      var created = new HashMap<String, Long>();
      for (int i = 0; i < size; i++) {
        var name = "ing-" + i;
        created.put(name, System.nanoTime());
        client.resource(ingress(namespace, name, oneGroup)).create();
      }
      return watch.awaitLatencies(created);
    }
  }

  private void steadyState(List<String> report, int size) {
    report.add(
        String.format(
            "  steady state, AWS calls per Ingress per resync (%d Ingresses, resync every %.0f s;"
                + " the TargetGroupBinding resync is also every 5 s here): %s",
            size, BenchFigures.RESYNC_PERIOD_SECONDS, BenchFigures.callsPerResync(proxy, size)));
  }

  /** A second operator process, started with everything in place, as after a restart. */
  private void restartedProcess(List<String> report, int size) throws Exception {
    var restart = BenchFigures.restart(cluster, "ingress", size);
    report.add(
        String.format(
            "  operator process (-XX:MaxRAM=512m) started beside %d served Ingresses: all"
                + " reconciled within %d s; AWS writes %s; all its AWS calls until 20 s later: %s;"
                + " RSS %d MiB",
            size,
            restart.secondsToReconcile(),
            restart.writes(),
            restart.calls(),
            restart.residentMiB()));
  }

  private static Ingress ingress(String namespace, String name, boolean oneGroup) {
    var annotations = new HashMap<String, String>();
    annotations.put("kubernetes.io/ingress.class", "alb");
    annotations.put("alb.ingress.kubernetes.io/target-type", "ip");
    if (oneGroup) {
      annotations.put("alb.ingress.kubernetes.io/group.name", "bench");
    }
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .addNewRule()
        .withHost(oneGroup ? name + ".example.com" : null)
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
