package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.targetgroupbinding.Bindings;
import io.elbv2.operator.targetgroupbinding.ReadinessGates;
import io.elbv2.operator.testing.ChartRendering;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.OperatorOutOfProcess;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.PodWebhooks;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.Workloads;
import io.elbv2.operator.webhook.PodReadinessGateWebhook;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Benchmark of readiness gates (run by {@code bench/run.sh}, not by the test suite): the pod
 * webhook's cost to pod creation through the API server at 50 and 200 pods per second, the time
 * from a pod's creation to its gate True, and the operator's memory with 5,000 pods in the cluster
 * of which 500 are gated. The operator is the packaged one, in its own process, with the chart's
 * defaults and memory limit. Results go to {@code target/bench/readinessgates.txt}.
 */
@QuarkusTest
@TestProfile(OperatorOutOfProcess.class)
@QuarkusTestResource(LocalClusterResource.class)
class PodReadinessGateBench {

  private static final int BINDINGS = 10;
  private static final int BURST_PODS = 1_000;
  private static final int GATED_PODS = 500;
  private static final int ALL_PODS = 5_000;
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  @Test
  void webhookLatencyGateLatencyAndMemory() throws Exception {
    ChartRendering.applyCrds(client);
    var nodes = new BenchNodes(client);
    var gated = Workloads.inFreshNamespace(client, "bench-gated");
    var plain = Workloads.inFreshNamespace(client, "bench-plain");
    var podWebhooks = new PodWebhooks(client, cluster);
    var groups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
    var report = new ArrayList<String>();
    int webhookPort = freePort();
    var operator =
        OperatorProcess.start(
            cluster,
            proxy.endpoint(),
            Map.of(
                "QUARKUS_HTTP_SSL_PORT", Integer.toString(webhookPort),
                "QUARKUS_HTTP_SSL_CERTIFICATE_FILES", cluster.get("ELBV2_WEBHOOK_CERT_FILE"),
                "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES", cluster.get("ELBV2_WEBHOOK_KEY_FILE")),
            "-XX:MaxRAM=512m");
    try {
      nodes.create(ALL_PODS);
      podWebhooks.enableInjection(gated.namespace());
      podWebhooks.register(
          "https://127.0.0.1:" + webhookPort + PodReadinessGateWebhook.PATH,
          gated.namespace(),
          plain.namespace());
      var arns = bindApps(gated, groups);
      report.add(
          String.format(
              "readiness gates: %d ip bindings in a namespace labelled for injection; operator"
                  + " process with the chart's defaults (-XX:MaxRAM=512m), idle: %s",
              BINDINGS, ProcessMemory.of(operator)));

      try (var gates = new GateTimes(client, gated.namespace())) {
        var timings = WebhookTimings.start(client, operator);
        var burst =
            PodCreations.atRate(
                client, gated.namespace(), "burst", BURST_PODS, 200, i -> "app-" + i % BINDINGS);
        report.add(burst.describe("gated pods (webhook called, gate injected)"));
        report.add(timings.describe());
        report.add(gates.describe(burst, TIMEOUT));
        removeBurst(gated, burst, groups, arns);

        timings = WebhookTimings.start(client, operator);
        var steady =
            PodCreations.atRate(
                client, gated.namespace(), "gated", GATED_PODS, 50, i -> "app-" + i % BINDINGS);
        report.add(steady.describe("gated pods (webhook called, gate injected)"));
        report.add(timings.describe());
        report.add(gates.describe(steady, TIMEOUT));
      }
      var unlabelled =
          PodCreations.atRate(
              client, plain.namespace(), "plain", ALL_PODS - GATED_PODS, 200, i -> "plain");
      report.add(unlabelled.describe("pods of a namespace without the label (webhook not called)"));
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofSeconds(5))
          .until(() -> runningPods(plain.namespace()) == unlabelled.dueAt().size());
      // Time for the collections that the burst makes worth it.
      await().pollDelay(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(61)).until(() -> true);
      report.add(
          String.format(
              "  operator with %d pods in the cluster, %d of them gated: %s",
              runningPods(gated.namespace()) + runningPods(plain.namespace()),
              runningPods(gated.namespace()),
              ProcessMemory.of(operator)));
      report.add(String.format("  AWS calls during the run: %s", proxy.requestsByAction()));
    } finally {
      // While the operator runs, so that it releases the bindings' finalizers.
      podWebhooks.deleteAll();
      gated.deleteAndAwait(TIMEOUT);
      plain.deleteAndAwait(TIMEOUT);
      operator.close();
      nodes.deleteAll();
      groups.deleteAll();
    }
    report.forEach(System.out::println);
    Files.createDirectories(Path.of("target/bench"));
    Files.write(Path.of("target/bench/readinessgates.txt"), report);
  }

  /** Services app-0.. with an ip binding each, Ready; returns their target groups. */
  private List<String> bindApps(Workloads workloads, MotoTargetGroups groups) {
    var arns = new ArrayList<String>();
    for (int i = 0; i < BINDINGS; i++) {
      workloads.service("app-" + i, "ClusterIP");
      var arn = groups.create(TargetTypeEnum.IP);
      arns.add(arn);
      client
          .resource(
              Bindings.binding(
                  workloads.namespace(), "app-" + i, arn, TargetType.IP, "app-" + i, null))
          .create();
    }
    await()
        .atMost(TIMEOUT)
        .ignoreExceptions()
        .until(() -> ReadyBindings.in(client, workloads.namespace()) == BINDINGS);
    return arns;
  }

  /**
   * Deletes the burst's pods (one by one: a deletion of the collection outlasts the client's
   * timeout) and waits until their targets are deregistered.
   */
  private void removeBurst(
      Workloads workloads, PodCreations burst, MotoTargetGroups groups, List<String> arns) {
    burst.dueAt().keySet().parallelStream()
        .forEach(pod -> client.pods().inNamespace(workloads.namespace()).withName(pod).delete());
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                client
                        .pods()
                        .inNamespace(workloads.namespace())
                        .withLabel("phase", "burst")
                        .list()
                        .getItems()
                        .isEmpty()
                    && arns.stream().allMatch(arn -> groups.targets(arn).isEmpty()));
  }

  private long runningPods(String namespace) {
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
        .count();
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * The pod webhook's calls from a start on, as the API server timed them (its request to the
   * webhook, network and TLS included) and as the operator timed its answers.
   */
  private record WebhookTimings(
      KubernetesClient client,
      OperatorProcess operator,
      BucketCounts apiServer,
      BucketCounts answers) {

    private static final String API_SERVER =
        "apiserver_admission_webhook_admission_duration_seconds";
    private static final String OPERATOR = "controller_runtime_webhook_latency_seconds";
    private static final String WEBHOOK = "name=\"mpod.elbv2.k8s.aws\"";
    private static final String PATH = "webhook=\"" + PodReadinessGateWebhook.PATH + "\"";

    static WebhookTimings start(KubernetesClient client, OperatorProcess operator) {
      return new WebhookTimings(
          client,
          operator,
          BucketCounts.of(client.raw("/metrics"), API_SERVER, WEBHOOK),
          BucketCounts.of(operator.metrics(), OPERATOR, PATH));
    }

    String describe() {
      return String.format(
          "    the webhook as the API server timed its calls: %s; as the operator timed its"
              + " answers: %s",
          BucketCounts.of(client.raw("/metrics"), API_SERVER, WEBHOOK).since(apiServer).describe(),
          BucketCounts.of(operator.metrics(), OPERATOR, PATH).since(answers).describe());
    }
  }

  /** When each gated pod's gate was first seen True, by a watch of the namespace's pods. */
  private static final class GateTimes implements AutoCloseable {
    private final Map<String, Long> trueAt = new ConcurrentHashMap<>();
    private final io.fabric8.kubernetes.client.Watch watch;

    GateTimes(KubernetesClient client, String namespace) {
      watch =
          client
              .pods()
              .inNamespace(namespace)
              .watch(
                  new Watcher<Pod>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                      long now = System.nanoTime();
                      var app = pod.getMetadata().getLabels().get("app");
                      ReadinessGates.condition(pod, ReadinessGates.conditionType(app))
                          .filter(c -> "True".equals(c.getStatus()))
                          .ifPresent(c -> trueAt.putIfAbsent(pod.getMetadata().getName(), now));
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  });
    }

    String describe(PodCreations creations, Duration timeout) {
      await()
          .atMost(timeout)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> trueAt.keySet().containsAll(creations.dueAt().keySet()));
      var latencies =
          creations.dueAt().entrySet().stream()
              .map(e -> (trueAt.get(e.getKey()) - e.getValue()) / 1e6)
              .sorted()
              .toList();
      return "    pod created -> gate True (ms): " + PodCreations.percentiles(latencies);
    }

    @Override
    public void close() {
      watch.close();
    }
  }
}
