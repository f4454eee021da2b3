package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class TargetGroupBindingRestartIT {

  private static final int BINDINGS = 200;
  private static final List<String> ELBV2_WRITES =
      List.of(
          "RegisterTargets",
          "DeregisterTargets",
          "CreateTargetGroup",
          "ModifyTargetGroup",
          "ModifyTargetGroupAttributes",
          "AddTags",
          "RemoveTags");

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  LocalCluster cluster;

  private int undefaultedBindingsOutside(String namespace) {
    return client.resources(TargetGroupBinding.class).inAnyNamespace().list().getItems().stream()
        .filter(b -> !b.getMetadata().getNamespace().equals(namespace))
        .filter(b -> b.getSpec().targetType() == null || b.getSpec().ipAddressType() == null)
        .mapToInt(b -> 1)
        .sum();
  }

  @Test
  void restartWithUnchangedBindingsMakesNoElbv2WriteCalls() throws Exception {
    var workloads = Workloads.inFreshNamespace(client, "restart");
    var targetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
    try {
      workloads.deployment("app", 2, 8080);
      workloads.service("app", "ClusterIP");
      var arns = new ArrayList<String>();
      for (int i = 0; i < BINDINGS; i++) {
        var arn = targetGroups.create(TargetTypeEnum.IP);
        arns.add(arn);
        var binding = Bindings.defaulted(workloads.namespace(), "b" + i, arn, "app");
        client.resource(binding).create();
      }
      await()
          .atMost(Duration.ofMinutes(3))
          .until(() -> arns.stream().allMatch(arn -> targetGroups.targets(arn).size() == 2));
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> checkpointed(workloads.namespace()) == BINDINGS);

      try (var proxy = new FaultInjectingProxy(URI.create(cluster.get("AWS_ENDPOINT_URL")));
          var restarted = OperatorProcess.start(cluster, proxy.endpoint())) {
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> restarted.successfulReconciliations("targetgroupbinding") >= BINDINGS);

        for (var write : ELBV2_WRITES) {
          assertThat(proxy.requests(write)).as(write).isZero();
        }
        assertThat(proxy.requests("DescribeTargetHealth")).isZero();
        // The Service and the Ingress controllers each list the cluster's target groups once at
        // start (one page each); this test's bindings read none. A binding elsewhere in the
        // cluster without the webhook's defaults (the demo's, when the demo ran first) looks its
        // group up once.
        assertThat(proxy.requests("DescribeTargetGroups"))
            .isLessThanOrEqualTo(2 + undefaultedBindingsOutside(workloads.namespace()));
      }
    } finally {
      workloads.deleteAndAwait(Duration.ofMinutes(3));
      targetGroups.deleteAll();
    }
  }

  private long checkpointed(String namespace) {
    return client
        .resources(TargetGroupBinding.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .stream()
        .filter(b -> b.getMetadata().getAnnotations() != null)
        .filter(b -> b.getMetadata().getAnnotations().containsKey(Checkpoint.ANNOTATION))
        .count();
  }
}
