package io.elbv2.operator.targetgroupbinding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.IngressRule;
import io.elbv2.operator.api.TargetGroupBindingSpec.Networking;
import io.elbv2.operator.api.TargetGroupBindingSpec.Peer;
import io.elbv2.operator.api.TargetGroupBindingSpec.Port;
import io.elbv2.operator.api.TargetGroupBindingSpec.SecurityGroup;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.OperatorEvents;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class TargetGroupBindingIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String ALLOWED_CIDR = "10.0.0.0/16";

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  @Inject Ec2Client ec2;

  LocalCluster cluster;
  private Workloads workloads;
  private MotoTargetGroups targetGroups;

  @BeforeEach
  void setUp() {
    workloads = Workloads.inFreshNamespace(client, "tgb");
    targetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
  }

  @AfterEach
  void tearDown() {
    workloads.deleteAndAwait(TIMEOUT);
  }

  @Test
  void ipTargetsFollowReadyPodsAsTheDeploymentScales() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    workloads.deployment("web", 3, 8080);
    workloads.service("web", "ClusterIP");
    create(Bindings.binding(workloads.namespace(), "web", arn, TargetType.IP, "web", null));

    for (int replicas : List.of(3, 5, 1)) {
      workloads.scale("web", replicas);
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                var ready = workloads.readyPodTargets("web", 8080);
                assertThat(ready).hasSize(replicas);
                assertThat(targetGroups.targets(arn)).isEqualTo(ready);
              });
    }
    await().atMost(TIMEOUT).until(() -> ready("web"));
    assertThat(registeredTargetsMetric("web")).isEqualTo(1);
  }

  @Test
  void podThatTurnsUnreadyLeavesTheTargetGroupAndComesBack() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    workloads.deployment("flaky", 2, 8080);
    workloads.service("flaky", "ClusterIP");
    create(Bindings.binding(workloads.namespace(), "flaky", arn, TargetType.IP, "flaky", null));
    await().atMost(TIMEOUT).until(() -> targetGroups.targets(arn).size() == 2);
    var pod =
        client
            .pods()
            .inNamespace(workloads.namespace())
            .withLabel("app", "flaky")
            .list()
            .getItems()
            .get(0);
    var target = pod.getStatus().getPodIP() + ":8080";

    workloads.setReady(pod.getMetadata().getName(), false);
    await().atMost(TIMEOUT).until(() -> !targetGroups.targets(arn).contains(target));
    assertThat(targetGroups.targets(arn)).hasSize(1);

    workloads.setReady(pod.getMetadata().getName(), true);
    await().atMost(TIMEOUT).until(() -> targetGroups.targets(arn).contains(target));
  }

  @Test
  void targetRemovedByHandIsRestored() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    workloads.deployment("drift", 2, 8080);
    workloads.service("drift", "ClusterIP");
    create(Bindings.binding(workloads.namespace(), "drift", arn, TargetType.IP, "drift", null));
    await().atMost(TIMEOUT).until(() -> targetGroups.targets(arn).size() == 2);
    var removed = targetGroups.targets(arn).iterator().next().split(":");

    elbv2.deregisterTargets(
        r ->
            r.targetGroupArn(arn)
                .targets(
                    TargetDescription.builder()
                        .id(removed[0])
                        .port(Integer.parseInt(removed[1]))
                        .build()));
    assertThat(targetGroups.targets(arn)).hasSize(1);

    await().atMost(TIMEOUT).until(() -> targetGroups.targets(arn).size() == 2);
  }

  @Test
  void networkingOpensTheNodeSecurityGroupAndDeletionUndoesEverything() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    workloads.deployment("open", 2, 8080);
    workloads.service("open", "ClusterIP");
    var binding =
        create(
            Bindings.binding(
                workloads.namespace(),
                "open",
                arn,
                TargetType.IP,
                "open",
                Bindings.allowFrom(ALLOWED_CIDR, 8080)));
    await().atMost(TIMEOUT).until(() -> targetGroups.targets(arn).size() == 2);
    await()
        .atMost(TIMEOUT)
        .until(() -> nodeSecurityGroupRules().contains("tcp:8080:" + ALLOWED_CIDR));

    client.resource(binding).delete();

    await().atMost(TIMEOUT).until(() -> get("open") == null);
    assertThat(targetGroups.targets(arn)).isEmpty();
    assertThat(nodeSecurityGroupRules()).doesNotContain("tcp:8080:" + ALLOWED_CIDR);
  }

  @Test
  void networkingFromAMissingGroupFailsThatBindingAloneNotItsNeighbours() {
    var missingGroup = "sg-0000000000000dead";
    var badArn = targetGroups.create(TargetTypeEnum.IP);
    var goodArn = targetGroups.create(TargetTypeEnum.IP);
    workloads.deployment("pair", 1, 8081);
    workloads.service("pair", "ClusterIP");
    var bad =
        create(
            Bindings.binding(
                workloads.namespace(),
                "bad",
                badArn,
                TargetType.IP,
                "pair",
                new Networking(
                    List.of(
                        new IngressRule(
                            List.of(new Peer(null, new SecurityGroup(missingGroup))),
                            List.of(new Port(null, new IntOrString(8081))))))));
    create(
        Bindings.binding(
            workloads.namespace(),
            "good",
            goodArn,
            TargetType.IP,
            "pair",
            Bindings.allowFrom(ALLOWED_CIDR, 8081)));

    await()
        .atMost(TIMEOUT)
        .until(() -> nodeSecurityGroupRules().contains("tcp:8081:" + ALLOWED_CIDR));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(get("bad").getStatus()).isNotNull();
              assertThat(get("good").getStatus()).isNotNull();
              var condition = BindingStatus.readyCondition(get("bad").getStatus());
              assertThat(condition.getStatus()).isEqualTo("False");
              assertThat(condition.getReason()).isEqualTo("SecurityGroupNotFound");
              assertThat(condition.getMessage()).contains(missingGroup);
              assertThat(BindingStatus.readyCondition(get("good").getStatus()).getStatus())
                  .isEqualTo("True");
            });
    assertThat(OperatorEvents.warningsOn(client, bad))
        .extracting(Event::getReason)
        .contains("SecurityGroupNotFound");
  }

  @Test
  void bindingWhoseTargetGroupWasDeletedCanStillBeDeleted() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    workloads.deployment("orphan", 1, 8080);
    workloads.service("orphan", "ClusterIP");
    var binding =
        create(
            Bindings.binding(workloads.namespace(), "orphan", arn, TargetType.IP, "orphan", null));
    await().atMost(TIMEOUT).until(() -> targetGroups.targets(arn).size() == 1);

    targetGroups.delete(arn);
    client.resource(binding).delete();

    await().atMost(TIMEOUT).until(() -> get("orphan") == null);
  }

  @Test
  void bindingToMissingTargetGroupIsReportedNotFatal() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    targetGroups.delete(arn);
    workloads.deployment("lost", 1, 8080);
    workloads.service("lost", "ClusterIP");
    var binding =
        create(Bindings.binding(workloads.namespace(), "lost", arn, TargetType.IP, "lost", null));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              var status = get("lost").getStatus();
              assertThat(status).isNotNull();
              var condition = BindingStatus.readyCondition(status);
              assertThat(condition.getStatus()).isEqualTo("False");
              assertThat(condition.getReason()).isEqualTo("TargetGroupNotFound");
              assertThat(condition.getMessage()).contains(arn);
            });
    assertThat(OperatorEvents.warningsOn(client, binding))
        .extracting(Event::getReason)
        .contains("TargetGroupNotFound");
  }

  @Test
  void instanceTargetsFollowNodesJoiningAndLeaving() {
    var arn = targetGroups.create(TargetTypeEnum.INSTANCE);
    workloads.deployment("nodes", 1, 8080);
    var service = workloads.service("nodes", "NodePort");
    int nodePort = service.getSpec().getPorts().get(0).getNodePort();
    create(
        Bindings.binding(workloads.namespace(), "nodes", arn, TargetType.INSTANCE, "nodes", null));
    var existing = clusterInstanceTargets(nodePort);
    await().atMost(TIMEOUT).until(() -> targetGroups.targets(arn).equals(existing));

    var instance = runInstance();
    var node = "ip-test-" + instance.substring(2) + ".compute.internal";
    createNode(node, instance);
    await()
        .atMost(TIMEOUT)
        .until(() -> targetGroups.targets(arn).contains(instance + ":" + nodePort));

    client.nodes().withName(node).delete();
    await().atMost(TIMEOUT).until(() -> targetGroups.targets(arn).equals(existing));
    cluster.ec2Admin().terminateInstances(r -> r.instanceIds(instance));
  }

  @Test
  void multiClusterBindingLeavesOtherTargetsAlone() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    var foreign = TargetDescription.builder().id("10.0.99.99").port(8080).build();
    elbv2.registerTargets(r -> r.targetGroupArn(arn).targets(foreign));
    workloads.deployment("shared", 2, 8080);
    workloads.service("shared", "ClusterIP");
    var spec =
        Bindings.binding(workloads.namespace(), "shared", arn, TargetType.IP, "shared", null);
    var multi = spec.getSpec();
    spec.setSpec(
        new TargetGroupBindingSpec(
            multi.targetGroupARN(),
            null,
            true,
            multi.targetType(),
            multi.serviceRef(),
            null,
            null,
            null,
            null,
            null));
    var binding = create(spec);

    await()
        .atMost(TIMEOUT)
        .until(
            () -> targetGroups.targets(arn).containsAll(workloads.readyPodTargets("shared", 8080)));
    assertThat(targetGroups.targets(arn)).contains("10.0.99.99:8080").hasSize(3);
    var tracked =
        client
            .configMaps()
            .inNamespace(workloads.namespace())
            .withName("aws-lbc-targets-shared")
            .get();
    assertThat(tracked.getData().get("targets").split(","))
        .containsExactlyInAnyOrderElementsOf(workloads.readyPodTargets("shared", 8080));

    client.resource(binding).delete();
    await().atMost(TIMEOUT).until(() -> get("shared") == null);
    assertThat(targetGroups.targets(arn)).containsExactly("10.0.99.99:8080");
  }

  private TargetGroupBinding create(TargetGroupBinding binding) {
    return client.resource(binding).create();
  }

  private TargetGroupBinding get(String name) {
    return client
        .resources(TargetGroupBinding.class)
        .inNamespace(workloads.namespace())
        .withName(name)
        .get();
  }

  private boolean ready(String name) {
    var binding = get(name);
    var condition =
        binding.getStatus() == null ? null : BindingStatus.readyCondition(binding.getStatus());
    return condition != null && "True".equals(condition.getStatus());
  }

  /** Rules of the cluster's node security group as {@code protocol:port:source}. */
  private Set<String> nodeSecurityGroupRules() {
    var group =
        ec2.describeSecurityGroups(r -> r.groupIds(cluster.get("ELBV2_NODE_SECURITY_GROUP")))
            .securityGroups()
            .get(0);
    return group.ipPermissions().stream()
        .flatMap(
            p ->
                p.ipRanges().stream()
                    .filter(range -> SecurityGroupRules.SHARED.equals(range.description()))
                    .map(range -> p.ipProtocol() + ":" + p.fromPort() + ":" + range.cidrIp()))
        .collect(Collectors.toSet());
  }

  private Set<String> clusterInstanceTargets(int nodePort) {
    return client.nodes().list().getItems().stream()
        .filter(Backends::eligible)
        .map(node -> Backends.instanceId(node).orElseThrow() + ":" + nodePort)
        .collect(Collectors.toSet());
  }

  private String runInstance() {
    var subnet = cluster.list("ELBV2_PRIVATE_SUBNETS").get(0);
    return cluster
        .ec2Admin()
        .runInstances(
            r ->
                r.imageId("ami-12c6146b")
                    .instanceType(InstanceType.M5_LARGE)
                    .minCount(1)
                    .maxCount(1)
                    .subnetId(subnet)
                    .securityGroupIds(cluster.get("ELBV2_NODE_SECURITY_GROUP")))
        .instances()
        .get(0)
        .instanceId();
  }

  private void createNode(String name, String instanceId) {
    client
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withAnnotations(Map.of("kwok.x-k8s.io/node", "fake"))
                .withLabels(Map.of("type", "kwok", "kubernetes.io/hostname", name))
                .endMetadata()
                .withNewSpec()
                .withProviderID("aws:///cn-north-1a/" + instanceId)
                .endSpec()
                .build())
        .create();
  }

  private double registeredTargetsMetric(String name) {
    var body = given().get("/metrics").then().statusCode(200).extract().asString();
    return body.lines()
        .filter(l -> l.startsWith("targetgroupbinding_registered_targets{"))
        .filter(
            l ->
                l.contains("namespace=\"" + workloads.namespace() + "\"")
                    && l.contains("name=\"" + name + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
