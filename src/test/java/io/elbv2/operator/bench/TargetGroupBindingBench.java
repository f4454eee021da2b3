package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.targetgroupbinding.Bindings;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Benchmarks of the TargetGroupBinding controller against the local cluster (run by {@code
 * bench/run.sh}, not by the test suite): how long an endpoint change takes to reach the target
 * group, and how many AWS calls a resync costs. Results go to {@code
 * target/bench/targetgroupbinding.txt}.
 */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class TargetGroupBindingBench {

  private static final int CHANGES = 100;
  private static final int RESYNC_BINDINGS = 20;
  private static final Duration RESYNC_WINDOW = Duration.ofSeconds(30);

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  @Test
  void endpointChangeToRegisteredTarget() throws IOException {
    var workloads = Workloads.inFreshNamespace(client, "bench");
    var groups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
    var report = new ArrayList<String>();
    try {
      workloads.deployment("app", 2, 8080);
      workloads.service("app", "ClusterIP");
      var arn = groups.create(TargetTypeEnum.IP);
      client.resource(Bindings.defaulted(workloads.namespace(), "app", arn, "app")).create();
      await().atMost(Duration.ofMinutes(1)).until(() -> groups.targets(arn).size() == 2);
      var pod =
          client
              .pods()
              .inNamespace(workloads.namespace())
              .withLabel("app", "app")
              .list()
              .getItems()
              .get(0);
      var target = pod.getStatus().getPodIP() + ":8080";

      var latencies = new ArrayList<Long>();
      for (int i = 0; i < CHANGES; i++) {
        boolean ready = i % 2 == 1;
        long start = System.nanoTime();
        workloads.setReady(pod.getMetadata().getName(), ready);
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(10))
            .until(() -> groups.targets(arn).contains(target) == ready);
        latencies.add((System.nanoTime() - start) / 1_000_000);
      }
      latencies.sort(null);
      report.add(
          String.format(
              "endpoint change -> target group (ms) over %d changes: p50 %d, p90 %d, p99 %d, max %d",
              CHANGES,
              pct(latencies, 50),
              pct(latencies, 90),
              pct(latencies, 99),
              latencies.get(CHANGES - 1)));

      var arns = new ArrayList<String>();
      for (int i = 0; i < RESYNC_BINDINGS; i++) {
        var extra = groups.create(TargetTypeEnum.IP);
        arns.add(extra);
        client
            .resource(Bindings.defaulted(workloads.namespace(), "resync-" + i, extra, "app"))
            .create();
      }
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> arns.stream().allMatch(a -> groups.targets(a).size() == 2));
      proxy.reset();
      long windowStart = System.nanoTime();
      await().pollDelay(RESYNC_WINDOW).atMost(RESYNC_WINDOW.plusSeconds(1)).until(() -> true);
      double seconds = (System.nanoTime() - windowStart) / 1e9;
      var resyncPeriod = 5.0; // elbv2.target-group-binding-resync-period in the test configuration
      var bindings = RESYNC_BINDINGS + 1;
      var resyncs = bindings * seconds / resyncPeriod;
      for (var action :
          List.of(
              "DescribeTargetHealth",
              "DescribeTargetGroups",
              "RegisterTargets",
              "DeregisterTargets",
              "DescribeInstances",
              "DescribeSecurityGroups")) {
        report.add(
            String.format(
                "%s per binding per resync: %.2f (%d calls, %d bindings, %.0f s, resync every %.0f s)",
                action,
                proxy.requests(action) / resyncs,
                proxy.requests(action),
                bindings,
                seconds,
                resyncPeriod));
      }
    } finally {
      workloads.deleteAndAwait(Duration.ofMinutes(1));
      groups.deleteAll();
    }
    var out = Path.of("target/bench/targetgroupbinding.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, report);
    report.forEach(System.out::println);
  }

  private static long pct(List<Long> sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
