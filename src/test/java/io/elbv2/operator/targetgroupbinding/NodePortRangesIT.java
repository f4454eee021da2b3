package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.build.nlb.ServiceAnnotations;
import io.elbv2.operator.testing.BackendSecurityGroups;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;

@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class NodePortRangesIT {

  private static final int SERVICES = 100;
  private static final Logger LOG = Logger.getLogger(NodePortRangesIT.class);

  @Inject KubernetesClient client;
  @Inject Ec2Client ec2;
  FaultInjectingProxy proxy;
  LocalCluster cluster;

  @Test
  void hundredInstanceServicesOpenTheNodesWithOneRangeFromTheBackendGroup() {
    var workloads = Workloads.inFreshNamespace(client, "node-ranges");
    var rulesBefore = nodeRules().size();
    proxy.reset();
    try {
      workloads.deployment("app", 1, 8080);
      for (int i = 0; i < SERVICES; i++) {
        client
            .resource(
                LoadBalancerServices.tcp(
                    workloads.namespace(),
                    "svc-" + i,
                    "app",
                    80,
                    8080,
                    Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb")))
            .create();
      }
      await()
          .atMost(Duration.ofMinutes(8))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> readyBindings(workloads.namespace()) == SERVICES);

      var nodePorts = new ArrayList<Integer>();
      client
          .services()
          .inNamespace(workloads.namespace())
          .list()
          .getItems()
          .forEach(s -> nodePorts.add(s.getSpec().getPorts().get(0).getNodePort()));
      var low = nodePorts.stream().min(Integer::compare).orElseThrow();
      var high = nodePorts.stream().max(Integer::compare).orElseThrow();
      var backend = backendGroup().orElseThrow();
      // One range from the backend group; other bindings of the cluster (the demo's, say) may
      // widen it beyond these Services' node ports.
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(
              () ->
                  assertThat(rulesFrom(backend))
                      .singleElement()
                      .satisfies(
                          rule -> {
                            assertThat(rule).startsWith("tcp:");
                            var range = rule.substring("tcp:".length()).split("-");
                            assertThat(Integer.parseInt(range[0])).isLessThanOrEqualTo(low);
                            assertThat(Integer.parseInt(range[1])).isGreaterThanOrEqualTo(high);
                          }));
      LOG.infof(
          "%d instance Services: %d inbound rules on the node group (%d before them); "
              + "AWS calls: %s",
          SERVICES, nodeRules().size(), rulesBefore, proxy.requestsByAction());
    } finally {
      workloads.deleteAndAwait(Duration.ofMinutes(8));
    }
    assertThat(nodeRules()).hasSize(rulesBefore);
  }

  private long readyBindings(String namespace) {
    return ReadyBindings.in(client, namespace);
  }

  private Optional<String> backendGroup() {
    return BackendSecurityGroups.of(ec2, cluster).map(g -> g.groupId());
  }

  /** Inbound rules of the nodes' group, one per port range and source as EC2 counts them. */
  private List<String> nodeRules() {
    var nodes = cluster.get("ELBV2_NODE_SECURITY_GROUP");
    var rules = new ArrayList<String>();
    for (IpPermission p :
        ec2.describeSecurityGroups(r -> r.groupIds(nodes))
            .securityGroups()
            .get(0)
            .ipPermissions()) {
      var range = p.ipProtocol() + ":" + p.fromPort() + "-" + p.toPort();
      p.ipRanges().forEach(s -> rules.add(range + " " + s.cidrIp()));
      p.ipv6Ranges().forEach(s -> rules.add(range + " " + s.cidrIpv6()));
      p.userIdGroupPairs().forEach(s -> rules.add(range + " " + s.groupId()));
    }
    return rules;
  }

  private List<String> rulesFrom(String group) {
    return nodeRules().stream()
        .filter(r -> r.endsWith(" " + group))
        .map(r -> r.substring(0, r.indexOf(' ')))
        .toList();
  }
}
