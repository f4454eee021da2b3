package io.elbv2.operator.bench;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Extra kwok nodes for benchmarks that need more pods than the local cluster's two nodes take: each
 * with room for 1,000 pods and a /21 of the VPC for their addresses, and no EC2 instance (they
 * serve ip targets only).
 */
final class BenchNodes {

  private static final int PODS_PER_NODE = 1_000;

  private final KubernetesClient client;
  private final List<String> names = new ArrayList<>();

  BenchNodes(KubernetesClient client) {
    this.client = client;
  }

  void create(int pods) {
    for (int i = 0; i * PODS_PER_NODE < pods; i++) {
      var name = "bench-node-" + i;
      var cidr = "10.0." + (64 + 8 * i) + ".0/21";
      var capacity =
          Map.of(
              "cpu", new Quantity("1000"),
              "memory", new Quantity("4Ti"),
              "pods", new Quantity(Integer.toString(PODS_PER_NODE)));
      client
          .nodes()
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .addToAnnotations("kwok.x-k8s.io/node", "fake")
                  .addToLabels("kubernetes.io/hostname", name)
                  .addToLabels("type", "kwok")
                  .endMetadata()
                  .withNewSpec()
                  .withPodCIDR(cidr)
                  .withPodCIDRs(cidr)
                  .endSpec()
                  .withNewStatus()
                  .withAllocatable(capacity)
                  .withCapacity(capacity)
                  .endStatus()
                  .build())
          .create();
      names.add(name);
    }
  }

  void deleteAll() {
    names.forEach(name -> client.nodes().withName(name).delete());
    names.clear();
  }
}
