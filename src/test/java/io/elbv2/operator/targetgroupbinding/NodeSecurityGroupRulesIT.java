package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.build.nlb.ServiceAnnotations;
import io.elbv2.operator.testing.BackendSecurityGroups;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorOutOfProcess;
import io.elbv2.operator.testing.OperatorProcess;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * The rules the nodes' security group gets for Services, with the operator as a process of its own
 * (none runs in the test JVM), so that it can be stopped and started again as in production.
 */
@QuarkusTest
@TestProfile(OperatorOutOfProcess.class)
@QuarkusTestResource(LocalClusterResource.class)
class NodeSecurityGroupRulesIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Map<String, String> NLB_IP =
      Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip");

  @Inject KubernetesClient client;
  @Inject Ec2Client ec2;
  LocalCluster cluster;

  /** In front of moto, applying the IAM policies to the operator process's calls. */
  FaultInjectingProxy proxy;

  @Test
  void serviceDeletedAfterARestartTakesItsNodeRuleAlongWithTheBackendGroup() throws Exception {
    var workloads = Workloads.inFreshNamespace(client, "sg-restart");
    try {
      workloads.deployment("app", 2, 8080);
      var service = LoadBalancerServices.tcp(workloads.namespace(), "web", "app", 80, 8080, NLB_IP);
      String backend;
      try (var first = operator()) {
        client.resource(service).create();
        backend = awaitServed(service);
        await().atMost(TIMEOUT).until(() -> nodeRulesFrom(backend).contains("tcp:8080-8080"));
      }

      try (var restarted = operator()) {
        client.resource(service).delete();
        await().atMost(TIMEOUT).until(() -> client.resource(service).get() == null);

        await().atMost(TIMEOUT).until(() -> !exists(backend));
        assertThat(nodeRulesFrom(backend)).as("node rules naming the deleted group").isEmpty();
      }
    } finally {
      deleteWithAnOperator(workloads);
    }
  }

  @Test
  void servicesDeletedTogetherLeaveNoRuleNamingADeletedGroup() throws Exception {
    var workloads = Workloads.inFreshNamespace(client, "sg-together");
    try (var operator = operator()) {
      workloads.deployment("app", 2, 8080);
      var services = new ArrayList<Service>();
      for (var name : List.of("one", "two", "three")) {
        var service =
            LoadBalancerServices.tcp(workloads.namespace(), name, "app", 80, 8080, NLB_IP);
        client.resource(service).create();
        services.add(service);
      }
      var backend = services.stream().map(this::awaitServed).findFirst().orElseThrow();
      await().atMost(TIMEOUT).until(() -> !nodeRulesFrom(backend).isEmpty());

      services.forEach(s -> client.resource(s).delete());
      await()
          .atMost(TIMEOUT)
          .until(() -> services.stream().allMatch(s -> client.resource(s).get() == null));

      await().atMost(TIMEOUT).until(() -> !exists(backend));
      assertThat(nodeRulesFrom(backend)).as("node rules naming the deleted group").isEmpty();
    } finally {
      deleteWithAnOperator(workloads);
    }
  }

  private OperatorProcess operator() {
    return OperatorProcess.start(cluster, proxy.endpoint());
  }

  /** Waits for the Service's load balancer; returns the backend group its targets admit. */
  private String awaitServed(Service service) {
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                Optional.ofNullable(client.resource(service).get())
                    .map(s -> s.getStatus().getLoadBalancer().getIngress())
                    .filter(i -> !i.isEmpty())
                    .isPresent());
    return await().atMost(TIMEOUT).until(this::backendGroup, Optional::isPresent).orElseThrow();
  }

  private Optional<String> backendGroup() {
    return BackendSecurityGroups.of(ec2, cluster).map(g -> g.groupId());
  }

  private boolean exists(String groupId) {
    return !ec2.describeSecurityGroups(
            r -> r.filters(Filter.builder().name("group-id").values(groupId).build()))
        .securityGroups()
        .isEmpty();
  }

  private List<IpPermission> nodeRules() {
    var nodes = cluster.get("ELBV2_NODE_SECURITY_GROUP");
    return ec2.describeSecurityGroups(r -> r.groupIds(nodes))
        .securityGroups()
        .get(0)
        .ipPermissions();
  }

  /** The node group's rules from {@code source}, as {@code protocol:from-to}. */
  private Set<String> nodeRulesFrom(String source) {
    return nodeRules().stream()
        .filter(p -> p.userIdGroupPairs().stream().anyMatch(g -> g.groupId().equals(source)))
        .map(p -> p.ipProtocol() + ":" + p.fromPort() + "-" + p.toPort())
        .collect(Collectors.toSet());
  }

  /** The namespace's objects carry the operator's finalizers: one must run to let them go. */
  private void deleteWithAnOperator(Workloads workloads) throws InterruptedException {
    try (var operator = operator()) {
      workloads.deleteAndAwait(Duration.ofMinutes(3));
    }
  }
}
