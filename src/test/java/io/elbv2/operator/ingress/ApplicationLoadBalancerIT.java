package io.elbv2.operator.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.model.ResourceNames;
import io.elbv2.operator.testing.BackendSecurityGroups;
import io.elbv2.operator.testing.ClusterTagged;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.IngressAlbs;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.OperatorEvents;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class ApplicationLoadBalancerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String CLASS = "kubernetes.io/ingress.class";
  private static final String GROUP = "alb.ingress.kubernetes.io/group.name";
  private static final String ORDER = "alb.ingress.kubernetes.io/group.order";
  private static final String TARGET_TYPE = "alb.ingress.kubernetes.io/target-type";
  private static final String STACK = "ingress.k8s.aws/stack";
  private static final String RESOURCE = "ingress.k8s.aws/resource";
  private static final int MAX_DEPLOYS_PER_BURST = 6;

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  @Inject Ec2Client ec2;
  @Inject OperatorSettings settings;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  private Workloads workloads;
  private TestIngresses ingresses;

  @BeforeEach
  void setUp() {
    workloads = Workloads.inFreshNamespace(client, "alb");
    ingresses = new TestIngresses(client, workloads, TIMEOUT);
    workloads.deployment("game", 2, 80);
    workloads.service("game", "NodePort");
  }

  @AfterEach
  void tearDown() {
    workloads.deleteAndAwait(TIMEOUT);
  }

  @Test
  void seedGameIngressGetsAnAlbWithItsListenerDefault404RuleTargetGroupAndPodTargets() {
    var ingress =
        create(
            ingress(
                "ingress-2048",
                Map.of(
                    "alb.ingress.kubernetes.io/scheme", "internet-facing",
                    "alb.ingress.kubernetes.io/target-type", "ip",
                    "alb.ingress.kubernetes.io/listen-ports", "[{\"HTTP\": 28080}]"),
                path("/", "Prefix", "game")));

    var hostname = awaitHostname("ingress-2048");
    var lb = loadBalancerOf(stack("ingress-2048"));
    assertThat(lb.dnsName()).isEqualTo(hostname);
    assertThat(lb.typeAsString()).isEqualTo("application");
    assertThat(lb.schemeAsString()).isEqualTo("internet-facing");

    var listeners = listeners(lb);
    assertThat(listeners).hasSize(1);
    var listener = listeners.get(0);
    assertThat(listener.port()).isEqualTo(28080);
    assertThat(listener.protocolAsString()).isEqualTo("HTTP");
    var defaultAction = listener.defaultActions().get(0);
    assertThat(defaultAction.typeAsString()).isEqualTo("fixed-response");
    assertThat(defaultAction.fixedResponseConfig().statusCode()).isEqualTo("404");

    var targetGroups = targetGroupsOf(lb);
    assertThat(targetGroups).hasSize(1);
    var targetGroup = targetGroups.get(0);
    assertThat(targetGroup.targetTypeAsString()).isEqualTo("ip");
    assertThat(targetGroup.protocolAsString()).isEqualTo("HTTP");

    var rules = rules(listener);
    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).priority()).isEqualTo("1");
    assertThat(rules.get(0).conditions().get(0).pathPatternConfig().values()).containsExactly("/*");
    assertThat(forwardedTo(rules.get(0))).containsExactly(targetGroup.targetGroupArn());

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(targets(targetGroup.targetGroupArn()))
                    .isNotEmpty()
                    .isEqualTo(workloads.readyPodTargets("game", 80)));
    assertThat(current("ingress-2048").getMetadata().getFinalizers())
        .containsExactlyInAnyOrder("ingress.k8s.aws/resources", IngressReconciler.FINALIZER);
    assertThat(OperatorEvents.on(client, ingress))
        .anyMatch(e -> "SuccessfullyReconciled".equals(e.getReason()));
    assertThat(OperatorEvents.warningsOn(client, ingress)).isEmpty();

    client.resource(ingress).delete();
    await().atMost(TIMEOUT).until(() -> current("ingress-2048") == null);
    assertThat(loadBalancersOfStack(stack("ingress-2048"))).isEmpty();
    assertThat(targetGroupsOfStack(stack("ingress-2048"))).isEmpty();
  }

  @Test
  void groupOfThreeIngressesSharesOneAlbWithRulesInGroupOrder() {
    create(member("third", "shop", 10, "c.example.com", path("/", "Prefix", "game")));
    create(
        member(
            "first",
            "shop",
            -5,
            "a.example.com",
            path("/api", "Prefix", "game"),
            path("/exact", "Exact", "game")));
    create(member("second", "shop", 0, "b.example.com", path("/", "Prefix", "game")));

    var hostname = awaitHostname("first");
    await().atMost(TIMEOUT).until(() -> hostname.equals(hostnameOf("second")));
    await().atMost(TIMEOUT).until(() -> hostname.equals(hostnameOf("third")));
    assertThat(loadBalancersOfStack("shop")).hasSize(1);
    var listener = listeners(loadBalancerOf("shop")).get(0);
    assertThat(listener.port()).isEqualTo(80);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ruleSummaries(listener))
                    .containsExactly(
                        "1 a.example.com /exact",
                        "2 a.example.com /api,/api/*",
                        "3 b.example.com /*",
                        "4 c.example.com /*"));
    for (var name : List.of("first", "second", "third")) {
      assertThat(current(name).getMetadata().getFinalizers())
          .containsExactlyInAnyOrder("group.ingress.k8s.aws/shop", IngressReconciler.FINALIZER);
    }
  }

  @Test
  void pathChangeMovesRulesWithoutDeletingTheUnchangedOnes() {
    create(member("one", "moves", 1, "one.example.com", path("/", "Prefix", "game")));
    create(member("two", "moves", 2, "two.example.com", path("/", "Prefix", "game")));
    awaitHostname("one");
    var listener = listeners(loadBalancerOf("moves")).get(0);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ruleSummaries(listener))
                    .containsExactly("1 one.example.com /*", "2 two.example.com /*"));
    var arnOfTwo = ruleArnFor(listener, "two.example.com /*");
    proxy.reset();

    edit(
        "one",
        ingress ->
            ingress
                .getSpec()
                .getRules()
                .get(0)
                .getHttp()
                .getPaths()
                .add(0, path("/new", "Exact", "game")));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ruleSummaries(listener))
                    .containsExactly(
                        "1 one.example.com /new", "2 one.example.com /*", "3 two.example.com /*"));
    assertThat(ruleArnFor(listener, "two.example.com /*")).isEqualTo(arnOfTwo);
    assertThat(proxy.requests("DeleteRule")).isZero();
    assertThat(proxy.requests("SetRulePriorities")).isPositive();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(tagsOf(arnOfTwo))
                    .isEqualTo(
                        Map.of(
                            "elbv2.k8s.aws/cluster",
                            cluster.get("ELBV2_CLUSTER_NAME"),
                            STACK,
                            "moves",
                            RESOURCE,
                            "80:3")));
    assertThat(resourceTagsByRule(listener))
        .containsExactly(
            "1 one.example.com /new 80:1",
            "2 one.example.com /* 80:2",
            "3 two.example.com /* 80:3");
    // Only the two rules that moved are retagged; the new one is made with its tags.
    assertThat(proxy.requests("AddTags")).isEqualTo(2);
    assertThat(proxy.requests("RemoveTags")).isZero();
  }

  @Test
  void removingAMemberRemovesOnlyItsRulesTargetGroupsAndBindingsAndTheLastRemovesTheAlb() {
    workloads.deployment("other", 1, 80);
    workloads.service("other", "NodePort");
    create(member("keep", "shrink", 0, "keep.example.com", path("/", "Prefix", "game")));
    var leaving =
        create(member("leave", "shrink", 1, "leave.example.com", path("/", "Prefix", "other")));
    awaitHostname("keep");
    awaitHostname("leave");
    var lb = loadBalancerOf("shrink");
    var listener = listeners(lb).get(0);
    await().atMost(TIMEOUT).until(() -> rules(listener).size() == 2);
    assertThat(targetGroupsOf(lb)).hasSize(2);
    var kept = targetGroupArnOf("shrink", stack("keep") + "-game:80");
    assertThat(boundTargetGroups("shrink"))
        .containsExactlyInAnyOrder(kept, targetGroupArnOf("shrink", stack("leave") + "-other:80"));
    var managedGroup = securityGroupsOfStack("shrink");
    assertThat(managedGroup).hasSize(1);

    client.resource(leaving).delete();

    await().atMost(TIMEOUT).until(() -> current("leave") == null);
    assertThat(ruleSummaries(listener)).containsExactly("1 keep.example.com /*");
    await().atMost(TIMEOUT).until(() -> targetGroupsOf(lb).size() == 1);
    assertThat(targetGroupsOf(lb)).extracting(TargetGroup::targetGroupArn).containsExactly(kept);
    assertThat(boundTargetGroups("shrink")).containsExactly(kept);
    assertThat(loadBalancerOf("shrink").loadBalancerArn()).isEqualTo(lb.loadBalancerArn());
    assertThat(securityGroupsOfStack("shrink")).isEqualTo(managedGroup);

    client.resource(current("keep")).delete();
    await().atMost(TIMEOUT).until(() -> current("keep") == null);
    assertThat(loadBalancersOfStack("shrink")).isEmpty();
    assertThat(targetGroupsOfStack("shrink")).isEmpty();
    assertThat(boundTargetGroups("shrink")).isEmpty();
    assertThat(securityGroupsOfStack("shrink")).isEmpty();
  }

  @Test
  void deletingTheLastMemberOfAGroupLeavesNothingTaggedWithTheCluster() {
    var before = clusterTagged().all().keySet();
    var ips =
        create(
            new IngressBuilder(
                    member("ips", "leftovers", 0, "ips.example.com", path("/", "Prefix", "game")))
                .editMetadata()
                .addToAnnotations(TARGET_TYPE, "ip")
                .endMetadata()
                .build());
    var nodes =
        create(member("nodes", "leftovers", 1, "nodes.example.com", path("/", "Prefix", "game")));
    awaitHostname("ips");
    awaitHostname("nodes");
    var lb = loadBalancerOf("leftovers");
    var targetGroups = targetGroupsOf(lb);
    assertThat(targetGroups)
        .extracting(TargetGroup::targetTypeAsString)
        .containsExactlyInAnyOrder("ip", "instance");
    var managedGroup = securityGroupsOfStack("leftovers");
    assertThat(clusterTagged().withTag(STACK, "leftovers"))
        .containsExactlyInAnyOrderElementsOf(
            concat(
                List.of(lb.loadBalancerArn()),
                targetGroups.stream().map(TargetGroup::targetGroupArn).toList(),
                managedGroup));
    var backendGroup = BackendSecurityGroups.of(ec2, cluster).orElseThrow().groupId();
    assertThat(lb.securityGroups()).containsExactlyInAnyOrder(managedGroup.get(0), backendGroup);
    assertThat(boundTargetGroups("leftovers"))
        .containsExactlyInAnyOrderElementsOf(
            targetGroups.stream().map(TargetGroup::targetGroupArn).toList());

    client.resource(ips).delete();
    await().atMost(TIMEOUT).until(() -> current("ips") == null);
    client.resource(nodes).delete();
    await().atMost(TIMEOUT).until(() -> current("nodes") == null);

    assertThat(clusterTagged().withTag(STACK, "leftovers")).isEmpty();
    assertThat(boundTargetGroups("leftovers")).isEmpty();
    assertThat(clusterTagged().all().keySet()).isSubsetOf(before);
    // The backend group is shared: it stays only while some load balancer still uses it.
    BackendSecurityGroups.of(ec2, cluster)
        .ifPresent(
            group ->
                assertThat(elbv2.describeLoadBalancers().loadBalancers())
                    .anyMatch(other -> other.securityGroups().contains(group.groupId())));
  }

  @Test
  void twentyMembersCreatedAtOnceMakeOneAlbInAFewGroupDeploys() {
    var names = IntStream.range(0, 20).mapToObj(i -> "member-" + i).collect(Collectors.toList());
    proxy.reset();

    names.parallelStream()
        .forEach(
            name ->
                create(
                    member(name, "crowd", 0, name + ".example.com", path("/", "Prefix", "game"))));

    for (var name : names) {
      awaitHostname(name);
    }
    assertThat(loadBalancersOfStack("crowd")).hasSize(1);
    var listener = listeners(loadBalancerOf("crowd")).get(0);
    await().atMost(TIMEOUT).until(() -> rules(listener).size() == 20);
    assertThat(rules(listener).stream().map(Rule::priority).collect(Collectors.toSet()))
        .hasSize(20);
    assertThat(proxy.requests("CreateLoadBalancer")).isEqualTo(1);
    assertThat(proxy.requests("CreateListener")).isEqualTo(1);
    assertThat(proxy.requests("CreateRule")).isEqualTo(20);
    assertThat(proxy.requests("DeleteRule")).isZero();
    // A burst of member changes is folded into a few deploys of the group, also once the
    // members' finalizers and addresses are written, which are changes too.
    await()
        .during(Duration.ofSeconds(10))
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(groupDeploys()).isLessThanOrEqualTo(MAX_DEPLOYS_PER_BURST));
    assertThat(warningsInNamespace()).isEmpty();
  }

  @Test
  void aBadNewMemberGetsAWarningNamingTheAnnotationAndTheRestOfItsGroupIsServed() {
    var bad =
        create(
            new IngressBuilder(
                    member("bad", "tolerant", 0, "bad.example.com", path("/", "Prefix", "game")))
                .editMetadata()
                .addToAnnotations("alb.ingress.kubernetes.io/healthcheck-interval-seconds", "many")
                .endMetadata()
                .build());
    create(member("good", "tolerant", 1, "good.example.com", path("/", "Prefix", "game")));

    awaitHostname("good");
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                OperatorEvents.warningsOn(client, bad).stream()
                    .anyMatch(
                        e ->
                            "FailedBuildModel".equals(e.getReason())
                                && e.getMessage()
                                    .contains(
                                        "alb.ingress.kubernetes.io/healthcheck-interval-seconds")));
    var listener = listeners(loadBalancerOf("tolerant")).get(0);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(ruleSummaries(listener)).containsExactly("1 good.example.com /*"));
    assertThat(hostnameOf("bad")).isNull();
    assertThat(current("bad").getMetadata().getFinalizers())
        .doesNotContain("group.ingress.k8s.aws/tolerant");

    edit(
        "bad",
        ingress ->
            ingress
                .getMetadata()
                .getAnnotations()
                .remove("alb.ingress.kubernetes.io/healthcheck-interval-seconds"));

    awaitHostname("bad");
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ruleSummaries(listener))
                    .containsExactly("1 bad.example.com /*", "2 good.example.com /*"));
  }

  @Test
  void listenPortsOfJsonNullIsAWarningOnThatMemberOnlyAndTheOtherMemberIsServed() {
    var bad =
        create(
            new IngressBuilder(
                    member(
                        "null-ports",
                        "nullable",
                        0,
                        "bad.example.com",
                        path("/", "Prefix", "game")))
                .editMetadata()
                .addToAnnotations("alb.ingress.kubernetes.io/listen-ports", "[null]")
                .endMetadata()
                .build());
    var good =
        create(member("served", "nullable", 1, "good.example.com", path("/", "Prefix", "game")));

    awaitHostname("served");
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                OperatorEvents.warningsOn(client, bad).stream()
                    .anyMatch(
                        e ->
                            "FailedBuildModel".equals(e.getReason())
                                && e.getMessage().contains("alb.ingress.kubernetes.io/listen-ports")
                                && e.getMessage().contains("empty listen-ports configuration")));
    var listener = listeners(loadBalancerOf("nullable")).get(0);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(ruleSummaries(listener)).containsExactly("1 good.example.com /*"));
    assertThat(hostnameOf("null-ports")).isNull();
    assertThat(current("null-ports").getMetadata().getFinalizers())
        .doesNotContain("group.ingress.k8s.aws/nullable");
    assertThat(OperatorEvents.warningsOn(client, good))
        .extracting(e -> e.getReason())
        .doesNotContain("FailedBuildModel");
  }

  @Test
  void anIngressThatChangesClassIsReleasedAndItsAlbRemoved() {
    create(ingress("switching", Map.of(), path("/", "Prefix", "game")));
    awaitHostname("switching");
    var stack = stack("switching");
    assertThat(loadBalancersOfStack(stack)).hasSize(1);

    edit("switching", ingress -> ingress.getMetadata().getAnnotations().put(CLASS, "nginx"));

    await()
        .atMost(TIMEOUT)
        .until(() -> current("switching").getMetadata().getFinalizers().isEmpty());
    assertThat(hostnameOf("switching")).isNull();
    assertThat(loadBalancersOfStack(stack)).isEmpty();
    assertThat(targetGroupsOfStack(stack)).isEmpty();
    assertThat(boundTargetGroups(stack)).isEmpty();
    assertThat(securityGroupsOfStack(stack)).isEmpty();
    assertThat(OperatorEvents.on(client, current("switching")))
        .anyMatch(e -> "Released".equals(e.getReason()));
  }

  @Test
  void anAwsRefusalIsAWarningWithAwsErrorAndTheFixedIngressIsServedByTheSameAlb() {
    var ingress =
        create(
            ingress(
                "refused",
                Map.of("alb.ingress.kubernetes.io/load-balancer-attributes", "no.such.key=1"),
                path("/", "Prefix", "game")));

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                OperatorEvents.warningsOn(client, ingress).stream()
                    .anyMatch(
                        e ->
                            "FailedDeployModel".equals(e.getReason())
                                && e.getMessage().contains("no.such.key")));
    assertThat(hostnameOf("refused")).isNull();

    edit(
        "refused",
        i ->
            i.getMetadata()
                .getAnnotations()
                .remove("alb.ingress.kubernetes.io/load-balancer-attributes"));

    awaitHostname("refused");
    assertThat(loadBalancersOfStack(stack("refused"))).hasSize(1);
    assertThat(rules(listeners(loadBalancerOf(stack("refused"))).get(0))).hasSize(1);
  }

  @Test
  void anIngressOfAnotherClassIsLeftAlone() {
    var other =
        create(
            new IngressBuilder(ingress("nginx-one", Map.of(), path("/", "Prefix", "game")))
                .editMetadata()
                .addToAnnotations(CLASS, "nginx")
                .endMetadata()
                .build());
    awaitHostname(
        "ingress-probe-after",
        () -> create(ingress("ingress-probe-after", Map.of(), path("/", "Prefix", "game"))));
    assertThat(current("nginx-one").getMetadata().getFinalizers()).isEmpty();
    assertThat(OperatorEvents.on(client, other)).isEmpty();
  }

  @Test
  void anIngressNamingTheAlbIngressClassIsServed() {
    ingressClass("alb", "ingress.k8s.aws/alb");

    var ingress = create(ofClass("classy", "alb"));

    var hostname = awaitHostname("classy");
    assertThat(loadBalancerOf(stack("classy")).dnsName()).isEqualTo(hostname);
    assertThat(ruleSummaries(listeners(loadBalancerOf(stack("classy"))).get(0)))
        .containsExactly("1 /*");
    assertThat(current("classy").getMetadata().getFinalizers())
        .containsExactlyInAnyOrder("ingress.k8s.aws/resources", IngressReconciler.FINALIZER);
    assertThat(OperatorEvents.on(client, ingress))
        .anyMatch(e -> "SuccessfullyReconciled".equals(e.getReason()));
  }

  @Test
  void anIngressNamingAnIngressClassOfAnotherControllerIsLeftAlone() {
    ingressClass("someone-else", "example.com/ingress-controller");

    var other = create(ofClass("not-ours", "someone-else"));

    awaitHostname(
        "probe-after-not-ours",
        () -> create(ingress("probe-after-not-ours", Map.of(), path("/", "Prefix", "game"))));
    var untouched = current("not-ours");
    assertThat(untouched.getMetadata().getFinalizers()).isEmpty();
    assertThat(IngressEdits.hostnameOf(untouched)).isNull();
    assertThat(OperatorEvents.on(client, other)).isEmpty();
    assertThat(loadBalancersOfStack(stack("not-ours"))).isEmpty();
    assertThat(clusterTagged().withTag(STACK, stack("not-ours"))).isEmpty();
  }

  @Test
  void anAlbMadeByTheGoControllerIsAdoptedNotRecreated() {
    var service =
        client
            .resource(
                new io.fabric8.kubernetes.api.model.ServiceBuilder()
                    .withNewMetadata()
                    .withName("numbered")
                    .withNamespace(workloads.namespace())
                    .endMetadata()
                    .withNewSpec()
                    .withType("NodePort")
                    .withSelector(Map.of("app", "game"))
                    .addNewPort()
                    .withPort(80)
                    .withNewTargetPort(80)
                    .endPort()
                    .endSpec()
                    .build())
            .create();
    var namespace = workloads.namespace();
    var stack = stack("adopted");
    var clusterName = cluster.get("ELBV2_CLUSTER_NAME");
    // The Go controller's names: its hash inputs, in its order.
    var managedGroup =
        ec2.createSecurityGroup(
                r ->
                    r.groupName(ResourceNames.of(namespace, "adopted", clusterName, stack))
                        .description("[k8s] Managed SecurityGroup for LoadBalancer")
                        .vpcId(cluster.get("ELBV2_VPC_ID"))
                        .tagSpecifications(
                            t ->
                                t.resourceType(ResourceType.SECURITY_GROUP)
                                    .tags(
                                        goSecurityGroupTags(
                                            clusterName, stack, "ManagedLBSecurityGroup"))))
            .groupId();
    ec2.authorizeSecurityGroupIngress(
        r ->
            r.groupId(managedGroup)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(80)
                            .toPort(80)
                            .ipRanges(range -> range.cidrIp("0.0.0.0/0"))));
    var backendGroup = BackendSecurityGroups.idOrMadeByTheGoController(ec2, cluster);
    var lb =
        elbv2
            .createLoadBalancer(
                r ->
                    r.name(ResourceNames.of(namespace, "adopted", clusterName, stack, "internal"))
                        .type("application")
                        .scheme("internal")
                        .subnets(cluster.list("ELBV2_PRIVATE_SUBNETS"))
                        .securityGroups(managedGroup, backendGroup)
                        .tags(goTags(clusterName, stack, "LoadBalancer")))
            .loadBalancers()
            .get(0);
    var tg =
        elbv2
            .createTargetGroup(
                r ->
                    r.name(
                            ResourceNames.of(
                                namespace,
                                "numbered",
                                clusterName,
                                stack,
                                namespace,
                                "adopted",
                                service.getMetadata().getUid(),
                                "80",
                                "80",
                                "ip",
                                "HTTP",
                                "HTTP1"))
                        .targetType("ip")
                        .protocol("HTTP")
                        .protocolVersion("HTTP1")
                        .port(80)
                        .vpcId(cluster.get("ELBV2_VPC_ID"))
                        .healthCheckProtocol("HTTP")
                        .healthCheckPort("traffic-port")
                        .healthCheckPath("/")
                        .healthCheckIntervalSeconds(15)
                        .healthCheckTimeoutSeconds(5)
                        .healthyThresholdCount(2)
                        .unhealthyThresholdCount(2)
                        .matcher(m -> m.httpCode("200"))
                        .tags(goTags(clusterName, stack, stack + "-numbered:80")))
            .targetGroups()
            .get(0);
    var listener =
        elbv2
            .createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .port(80)
                        .protocol("HTTP")
                        .defaultActions(
                            a ->
                                a.type("fixed-response")
                                    .fixedResponseConfig(
                                        f -> f.contentType("text/plain").statusCode("404")))
                        .tags(goTags(clusterName, stack, "80")))
            .listeners()
            .get(0);
    var rule =
        elbv2
            .createRule(
                r ->
                    r.listenerArn(listener.listenerArn())
                        .priority(1)
                        .conditions(
                            c -> c.field("path-pattern").pathPatternConfig(p -> p.values("/*")))
                        .actions(
                            a ->
                                a.type("forward")
                                    .forwardConfig(
                                        f ->
                                            f.targetGroups(
                                                t -> t.targetGroupArn(tg.targetGroupArn()))))
                        .tags(goTags(clusterName, stack, "80:1")))
            .rules()
            .get(0);
    proxy.reset();

    create(
        ingress(
            "adopted",
            Map.of("alb.ingress.kubernetes.io/target-type", "ip"),
            path("/", "Prefix", "numbered")));

    assertThat(awaitHostname("adopted")).isEqualTo(lb.dnsName());
    assertThat(loadBalancersOfStack(stack)).hasSize(1);
    assertThat(listeners(lb))
        .extracting(Listener::listenerArn)
        .containsExactly(listener.listenerArn());
    assertThat(rules(listener)).extracting(Rule::ruleArn).containsExactly(rule.ruleArn());
    assertThat(targetGroupsOfStack(stack))
        .extracting(TargetGroup::targetGroupArn)
        .containsExactly(tg.targetGroupArn());
    assertThat(securityGroupsOfStack(stack)).containsExactly(managedGroup);
    assertThat(loadBalancerOf(stack).securityGroups())
        .containsExactlyInAnyOrder(managedGroup, backendGroup);
    assertThat(proxy.requestsByAction().keySet()).noneMatch(action -> action.startsWith("Create"));
  }

  private static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> goTags(
      String cluster, String stack, String resource) {
    return List.of(
        tag("elbv2.k8s.aws/cluster", cluster),
        tag("ingress.k8s.aws/stack", stack),
        tag("ingress.k8s.aws/resource", resource));
  }

  private static List<software.amazon.awssdk.services.ec2.model.Tag> goSecurityGroupTags(
      String cluster, String stack, String resource) {
    return goTags(cluster, stack, resource).stream()
        .map(
            tag ->
                software.amazon.awssdk.services.ec2.model.Tag.builder()
                    .key(tag.key())
                    .value(tag.value())
                    .build())
        .toList();
  }

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag tag(
      String key, String value) {
    return software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
        .key(key)
        .value(value)
        .build();
  }

  // ---- helpers

  /**
   * AWS failing CreateLoadBalancer for longer than the retries of earlier versions lasted (5 tries,
   * about 18 s of waits), after which they waited 10 hours: the Ingress gets its address at the
   * next try once AWS answers again, at most one cap later.
   */
  @Test
  void anIngressWhoseLoadBalancerAwsRefusedForMinutesGetsItsAddressOnceAwsAnswersAgain() {
    var began = System.nanoTime();
    proxy.failUntilLifted("CreateLoadBalancer", FaultInjectingProxy.Fault.SERVER_ERROR);
    try {
      var ingress = create(ingress("patient", Map.of(), path("/", "Prefix", "game")));
      // Every failed try is a FailedDeployModel warning: more of them than the 5 tries of old, over
      // more than the 90 s the Services' retries lasted.
      await()
          .atMost(Duration.ofMinutes(6))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  failedDeploys(ingress) > 5
                      && Duration.ofNanos(System.nanoTime() - began).toSeconds() > 100);
      assertThat(hostnameOf("patient")).isNull();
    } finally {
      proxy.lift("CreateLoadBalancer");
    }

    await()
        .atMost(settings.ingressMaxExponentialBackoffDelay().plus(TIMEOUT))
        .until(() -> hostnameOf("patient") != null);
    assertThat(loadBalancerOf(stack("patient")).dnsName()).isEqualTo(hostnameOf("patient"));
  }

  /** How many tries of the Ingress failed to deploy, as its FailedDeployModel warnings count. */
  private int failedDeploys(Ingress ingress) {
    return OperatorEvents.warningsOn(client, ingress).stream()
        .filter(e -> "FailedDeployModel".equals(e.getReason()))
        .mapToInt(e -> e.getCount() == null ? 1 : e.getCount())
        .sum();
  }

  private Ingress member(
      String name, String group, int order, String host, HTTPIngressPath... paths) {
    return new IngressBuilder(ingress(name, Map.of(GROUP, group, ORDER, Integer.toString(order))))
        .editSpec()
        .withRules(
            new IngressRuleBuilder()
                .withHost(host)
                .withNewHttp()
                .withPaths(paths)
                .endHttp()
                .build())
        .endSpec()
        .build();
  }

  private Ingress ingress(String name, Map<String, String> annotations, HTTPIngressPath... paths) {
    return ingresses.ingress(name, annotations, paths);
  }

  /** An Ingress of no class annotation that names {@code className} in its spec. */
  private Ingress ofClass(String name, String className) {
    var ingress = ingress(name, Map.of(), path("/", "Prefix", "game"));
    ingress.getMetadata().getAnnotations().remove(CLASS);
    ingress.getSpec().setIngressClassName(className);
    return ingress;
  }

  /** The IngressClass, as the chart makes the {@code alb} one. */
  private void ingressClass(String name, String controller) {
    client
        .resource(
            new IngressClassBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withController(controller)
                .endSpec()
                .build())
        .serverSideApply();
  }

  private static HTTPIngressPath path(String path, String type, String service) {
    return TestIngresses.path(path, type, service);
  }

  private Ingress create(Ingress ingress) {
    return ingresses.create(ingress);
  }

  private void edit(String name, java.util.function.Consumer<Ingress> change) {
    ingresses.edit(name, change);
  }

  private Ingress current(String name) {
    return ingresses.current(name);
  }

  private String hostnameOf(String name) {
    return ingresses.hostnameOf(name);
  }

  private String awaitHostname(String name) {
    return ingresses.awaitHostname(name);
  }

  private String awaitHostname(String name, Runnable before) {
    before.run();
    return awaitHostname(name);
  }

  private String stack(String name) {
    return ingresses.stack(name);
  }

  private Map<String, String> tagsOf(String arn) {
    return stacks().tagsOf(arn);
  }

  private List<LoadBalancer> loadBalancersOfStack(String stack) {
    return stacks().loadBalancersOf(stack);
  }

  private LoadBalancer loadBalancerOf(String stack) {
    return stacks().loadBalancerOf(stack);
  }

  private List<TargetGroup> targetGroupsOfStack(String stack) {
    return stacks().targetGroupsOf(stack);
  }

  private String targetGroupArnOf(String stack, String resourceId) {
    return targetGroupsOfStack(stack).stream()
        .map(TargetGroup::targetGroupArn)
        .filter(arn -> resourceId.equals(tagsOf(arn).get(RESOURCE)))
        .findFirst()
        .orElseThrow();
  }

  private ClusterTagged clusterTagged() {
    return ClusterTagged.in(elbv2, ec2, cluster);
  }

  private IngressAlbs stacks() {
    return IngressAlbs.in(elbv2, cluster);
  }

  /** The ids of the security groups tagged for the stack: its managed frontend group. */
  private List<String> securityGroupsOfStack(String stack) {
    return ec2
        .describeSecurityGroups(
            r ->
                r.filters(
                    Filter.builder()
                        .name("tag:elbv2.k8s.aws/cluster")
                        .values(cluster.get("ELBV2_CLUSTER_NAME"))
                        .build(),
                    Filter.builder().name("tag:" + STACK).values(stack).build()))
        .securityGroups()
        .stream()
        .map(group -> group.groupId())
        .toList();
  }

  /**
   * The target groups of the stack's TargetGroupBindings, found by the labels the Go controller
   * gives them: the group's name, or an Ingress alone's namespace and name.
   */
  private List<String> boundTargetGroups(String stack) {
    var slash = stack.indexOf('/');
    var labels =
        slash < 0
            ? Map.of(STACK, stack)
            : Map.of(
                "ingress.k8s.aws/stack-namespace",
                stack.substring(0, slash),
                "ingress.k8s.aws/stack-name",
                stack.substring(slash + 1));
    return client
        .resources(TargetGroupBinding.class)
        .inAnyNamespace()
        .withLabels(labels)
        .list()
        .getItems()
        .stream()
        .map(binding -> binding.getSpec().targetGroupARN())
        .toList();
  }

  /**
   * How many times the group in this test's namespace was deployed: each deploy records {@code
   * SuccessfullyReconciled} on every member it serves (a repeat raises the event's count), and the
   * first member served is served by every deploy after.
   */
  private int groupDeploys() {
    return client.v1().events().inNamespace(workloads.namespace()).list().getItems().stream()
        .filter(e -> "SuccessfullyReconciled".equals(e.getReason()))
        .mapToInt(e -> e.getCount() == null ? 1 : e.getCount())
        .max()
        .orElse(0);
  }

  private List<String> warningsInNamespace() {
    return client.v1().events().inNamespace(workloads.namespace()).list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()))
        .map(e -> e.getReason() + ": " + e.getMessage())
        .toList();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
  }

  private List<TargetGroup> targetGroupsOf(LoadBalancer lb) {
    return elbv2.describeTargetGroups(r -> r.loadBalancerArn(lb.loadBalancerArn())).targetGroups();
  }

  private List<Listener> listeners(LoadBalancer lb) {
    return stacks().listeners(lb);
  }

  private List<Rule> rules(Listener listener) {
    return stacks().rules(listener);
  }

  /** Each rule as {@code <priority> <host> <paths>}. */
  private List<String> ruleSummaries(Listener listener) {
    var summaries = new ArrayList<String>();
    for (var rule : rules(listener)) {
      summaries.add(rule.priority() + " " + summary(rule));
    }
    return summaries;
  }

  private static String summary(Rule rule) {
    String host = "";
    String paths = "";
    for (var condition : rule.conditions()) {
      if ("host-header".equals(condition.field())) {
        host = String.join(",", condition.hostHeaderConfig().values()) + " ";
      } else if ("path-pattern".equals(condition.field())) {
        paths = String.join(",", condition.pathPatternConfig().values());
      }
    }
    return host + paths;
  }

  /** Each rule as {@code <priority> <host> <paths> <resource tag>}. */
  private List<String> resourceTagsByRule(Listener listener) {
    return rules(listener).stream()
        .map(
            rule ->
                rule.priority() + " " + summary(rule) + " " + tagsOf(rule.ruleArn()).get(RESOURCE))
        .toList();
  }

  private String ruleArnFor(Listener listener, String summary) {
    return rules(listener).stream()
        .filter(rule -> summary(rule).equals(summary))
        .findFirst()
        .orElseThrow()
        .ruleArn();
  }

  private static Set<String> forwardedTo(Rule rule) {
    var action = rule.actions().get(0);
    if (action.forwardConfig() == null) {
      return Set.of(action.targetGroupArn());
    }
    return action.forwardConfig().targetGroups().stream()
        .map(t -> t.targetGroupArn())
        .collect(Collectors.toSet());
  }

  private Set<String> targets(String targetGroupArn) {
    return elbv2
        .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
        .targetHealthDescriptions()
        .stream()
        .map(d -> d.target().id() + ":" + d.target().port())
        .collect(Collectors.toSet());
  }
}
