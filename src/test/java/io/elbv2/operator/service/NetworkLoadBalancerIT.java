package io.elbv2.operator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.build.nlb.NlbModelBuilder;
import io.elbv2.operator.build.nlb.ServiceAnnotations;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.ResourceNames;
import io.elbv2.operator.testing.BackendSecurityGroups;
import io.elbv2.operator.testing.ClusterTagged;
import io.elbv2.operator.testing.Conflicts;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoCertificates;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.OperatorEvents;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class NetworkLoadBalancerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  @Inject Ec2Client ec2;
  @Inject OperatorSettings settings;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  private Workloads workloads;

  @BeforeEach
  void setUp() {
    workloads = Workloads.inFreshNamespace(client, "nlb");
    workloads.deployment("nginx", 3, 80);
  }

  @AfterEach
  void tearDown() {
    workloads.deleteAndAwait(TIMEOUT);
  }

  @Test
  void seedServicesGetNlbsWithTheirListenersTargetGroupsTargetsAndHostnames() {
    create(
        service("nginx-service-nlb-ip", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")));
    create(service("service-nginx", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb")));

    var ipHostname = awaitHostname("nginx-service-nlb-ip");
    var instanceHostname = awaitHostname("service-nginx");

    var ipLb = loadBalancerOf("nginx-service-nlb-ip");
    assertThat(ipLb.dnsName()).isEqualTo(ipHostname);
    assertThat(ipLb.typeAsString()).isEqualTo("network");
    assertThat(ipLb.schemeAsString()).isEqualTo("internal");
    var ipListener =
        elbv2.describeListeners(r -> r.loadBalancerArn(ipLb.loadBalancerArn())).listeners();
    assertThat(ipListener)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.port()).isEqualTo(28080);
              assertThat(l.protocolAsString()).isEqualTo("TCP");
            });
    var ipGroup = targetGroupsOf("nginx-service-nlb-ip").get(0);
    assertThat(ipGroup.targetTypeAsString()).isEqualTo("ip");
    assertThat(ipGroup.port()).isEqualTo(80);
    assertThat(ipListener.get(0).defaultActions().get(0).targetGroupArn())
        .isEqualTo(ipGroup.targetGroupArn());
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(targets(ipGroup.targetGroupArn()))
                    .isEqualTo(workloads.readyPodTargets("nginx", 80)));

    var instanceLb = loadBalancerOf("service-nginx");
    assertThat(instanceLb.dnsName()).isEqualTo(instanceHostname);
    assertThat(instanceLb.schemeAsString()).isEqualTo("internet-facing");
    var instanceGroup = targetGroupsOf("service-nginx").get(0);
    assertThat(instanceGroup.targetTypeAsString()).isEqualTo("instance");
    int nodePort = get("service-nginx").getSpec().getPorts().get(0).getNodePort();
    var nodes =
        client.nodes().list().getItems().stream()
            .filter(n -> io.elbv2.operator.targetgroupbinding.Backends.instanceId(n).isPresent())
            .map(n -> instanceTarget(n, nodePort))
            .collect(Collectors.toSet());
    await().atMost(TIMEOUT).until(() -> targets(instanceGroup.targetGroupArn()).equals(nodes));

    client.services().inNamespace(workloads.namespace()).delete();

    await()
        .atMost(TIMEOUT)
        .until(() -> get("nginx-service-nlb-ip") == null && get("service-nginx") == null);
    assertThat(owned("nginx-service-nlb-ip")).isEmpty();
    assertThat(owned("service-nginx")).isEmpty();
    assertThat(managedSecurityGroups("nginx-service-nlb-ip")).isEmpty();
    assertThat(managedSecurityGroups("service-nginx")).isEmpty();
  }

  @Test
  void loadBalancerMadeByTheGoControllerIsAdoptedNotRecreated() {
    var suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
    var lb = goLoadBalancer("adopted", suffix, List.of());
    var tg = goTargetGroup("adopted", suffix);
    // As after an upgrade from the Go controller, the operator has listed them before it acts.
    int listings = proxy.requests("DescribeTargetGroups");
    await().atMost(TIMEOUT).until(() -> proxy.requests("DescribeTargetGroups") >= listings + 2);

    create(service("adopted", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")));

    assertThat(awaitHostname("adopted")).isEqualTo(lb.dnsName());
    assertThat(loadBalancerOf("adopted").loadBalancerArn()).isEqualTo(lb.loadBalancerArn());
    assertThat(targetGroupsOf("adopted"))
        .singleElement()
        .extracting(TargetGroup::targetGroupArn)
        .isEqualTo(tg.targetGroupArn());
  }

  @Test
  void stackMadeByTheGoControllerMomentsBeforeTheServiceIsAdoptedWithoutASecondOne() {
    var name = "fresh";
    var suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
    var cluster = this.cluster.get("ELBV2_CLUSTER_NAME");
    // As the Go controller makes them: the load balancer with its security group.
    var groupId =
        ec2.createSecurityGroup(
                r ->
                    r.groupName("k8s-go-sg-" + suffix)
                        .description("[k8s] Managed SecurityGroup for LoadBalancer")
                        .vpcId(this.cluster.get("ELBV2_VPC_ID"))
                        .tagSpecifications(
                            t ->
                                t.resourceType("security-group")
                                    .tags(
                                        goTags(cluster, name, "ManagedLBSecurityGroup").stream()
                                            .map(
                                                tag ->
                                                    software.amazon.awssdk.services.ec2.model.Tag
                                                        .builder()
                                                        .key(tag.key())
                                                        .value(tag.value())
                                                        .build())
                                            .toList())))
            .groupId();
    var lb = goLoadBalancer(name, suffix, List.of(groupId));
    var tg = goTargetGroup(name, suffix);

    // At once: no cluster-wide listing has seen them yet.
    create(service(name, Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")));

    assertThat(awaitHostname(name)).isEqualTo(lb.dnsName());
    // Past a few listings (5 s apart here), the stack still has its one of each.
    await()
        .during(Duration.ofSeconds(15))
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(owned(name))
                  .containsExactlyInAnyOrder(lb.loadBalancerArn(), tg.targetGroupArn());
              assertThat(managedSecurityGroups(name))
                  .extracting(SecurityGroup::groupId)
                  .containsExactly(groupId);
              assertThat(get(name).getStatus().getLoadBalancer().getIngress())
                  .singleElement()
                  .extracting(i -> i.getHostname())
                  .isEqualTo(lb.dnsName());
            });
    assertThat(loadBalancerOf(name).securityGroups()).contains(groupId);
  }

  @Test
  void stackOfTheGoControllersNamesTaggedOnlyForTheClusterIsAdoptedByName() {
    var name = "by-name";
    var uid = existingServiceUid(name);
    var lb =
        elbv2
            .createLoadBalancer(
                r ->
                    r.name(goLoadBalancerName(name, uid))
                        .type("network")
                        .scheme("internal")
                        .subnets(cluster.list("ELBV2_PRIVATE_SUBNETS"))
                        .tags(clusterTagOnly()))
            .loadBalancers()
            .get(0);
    var tg =
        elbv2
            .createTargetGroup(
                r ->
                    r.name(goTargetGroupName(name, uid))
                        .protocol("TCP")
                        .port(80)
                        .targetType("ip")
                        .vpcId(cluster.get("ELBV2_VPC_ID"))
                        .tags(clusterTagOnly()))
            .targetGroups()
            .get(0);

    edit(name, b -> b.editSpec().withType("LoadBalancer").endSpec());

    assertThat(awaitHostname(name)).isEqualTo(lb.dnsName());
    await()
        .during(Duration.ofSeconds(15))
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(owned(name))
                  .containsExactlyInAnyOrder(lb.loadBalancerArn(), tg.targetGroupArn());
              assertThat(get(name).getStatus().getLoadBalancer().getIngress())
                  .singleElement()
                  .extracting(i -> i.getHostname())
                  .isEqualTo(lb.dnsName());
            });
    assertThat(elbTags(tg.targetGroupArn()))
        .containsEntry("service.k8s.aws/resource", stack(name) + ":28080");
  }

  @Test
  void loadBalancerOfTheStacksNameThatIsAnotherClustersIsNeitherAdoptedNorDuplicated() {
    var name = "taken";
    var uid = existingServiceUid(name);
    var lbName = goLoadBalancerName(name, uid);
    var foreign =
        elbv2
            .createLoadBalancer(
                r ->
                    r.name(lbName)
                        .type("network")
                        .scheme("internal")
                        .subnets(cluster.list("ELBV2_PRIVATE_SUBNETS"))
                        .tags(goTags("another-cluster", name, "LoadBalancer")))
            .loadBalancers()
            .get(0);
    try {
      edit(name, b -> b.editSpec().withType("LoadBalancer").endSpec());

      awaitWarning(
          get(name),
          "FailedDeployModel",
          message ->
              message.contains("load balancer " + lbName)
                  && message.contains("not this cluster's"));
      assertThat(
              elbv2.describeLoadBalancers().loadBalancers().stream()
                  .filter(lb -> lb.loadBalancerName().equals(lbName)))
          .singleElement()
          .extracting(LoadBalancer::loadBalancerArn)
          .isEqualTo(foreign.loadBalancerArn());
      assertThat(owned(name)).doesNotContain(foreign.loadBalancerArn());
      assertThat(get(name).getStatus().getLoadBalancer().getIngress()).isNullOrEmpty();
    } finally {
      elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(foreign.loadBalancerArn()));
    }
  }

  /**
   * Makes the Service as a ClusterIP Service, which the operator leaves alone, so that its UID (and
   * with it the names of its AWS objects) is known before it asks for a load balancer.
   */
  private String existingServiceUid(String name) {
    var service =
        new ServiceBuilder(service(name, Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")))
            .editSpec()
            .withType("ClusterIP")
            .endSpec()
            .build();
    return create(service).getMetadata().getUid();
  }

  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> clusterTagOnly() {
    return goTags(cluster.get("ELBV2_CLUSTER_NAME"), "", "").subList(0, 1);
  }

  /** The name the Go controller gives the internal NLB of a Service of this test. */
  private String goLoadBalancerName(String service, String uid) {
    return ResourceNames.of(
        workloads.namespace(), service, cluster.get("ELBV2_CLUSTER_NAME"), uid, "internal");
  }

  /** The name the Go controller gives the ip target group of the Service's port 28080. */
  private String goTargetGroupName(String service, String uid) {
    return ResourceNames.of(
        workloads.namespace(),
        service,
        cluster.get("ELBV2_CLUSTER_NAME"),
        uid,
        "80",
        "28080",
        "ip",
        "TCP",
        "TCP",
        "10");
  }

  /** An internal NLB tagged for the Service's stack, as the Go controller makes one. */
  private LoadBalancer goLoadBalancer(String service, String suffix, List<String> groups) {
    return elbv2
        .createLoadBalancer(
            r ->
                r.name("k8s-go-" + suffix)
                    .type("network")
                    .scheme("internal")
                    .subnets(cluster.list("ELBV2_PRIVATE_SUBNETS"))
                    .securityGroups(groups.isEmpty() ? null : groups)
                    .tags(goTags(cluster.get("ELBV2_CLUSTER_NAME"), service, "LoadBalancer")))
        .loadBalancers()
        .get(0);
  }

  /** The ip target group of the Service's port 28080, as the Go controller makes one. */
  private TargetGroup goTargetGroup(String service, String suffix) {
    return elbv2
        .createTargetGroup(
            r ->
                r.name("k8s-go-tg-" + suffix)
                    .protocol("TCP")
                    .port(80)
                    .targetType("ip")
                    .vpcId(cluster.get("ELBV2_VPC_ID"))
                    .tags(
                        goTags(
                            cluster.get("ELBV2_CLUSTER_NAME"), service, stack(service) + ":28080")))
        .targetGroups()
        .get(0);
  }

  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> goTags(
      String cluster, String name, String resource) {
    return List.of(
        software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
            .key("elbv2.k8s.aws/cluster")
            .value(cluster)
            .build(),
        software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
            .key("service.k8s.aws/stack")
            .value(stack(name))
            .build(),
        software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
            .key("service.k8s.aws/resource")
            .value(resource)
            .build());
  }

  /**
   * The first certificate is the listener's default, the others SNI certificates: one taken out of
   * the annotation is removed from the listener, which is not modified or made again.
   */
  @Test
  void sniCertificatesFollowTheAnnotationWithoutTouchingTheListener() {
    var first = MotoCertificates.request(cluster, "sni.example.com");
    var second = MotoCertificates.request(cluster, "www.sni.example.com");
    var third = MotoCertificates.request(cluster, "api.sni.example.com");
    var service =
        new ServiceBuilder(
                service(
                    "sni",
                    Map.of(
                        ServiceAnnotations.LOAD_BALANCER_TYPE,
                        "nlb-ip",
                        ServiceAnnotations.SSL_CERT,
                        String.join(",", first, second, third))))
            .editSpec()
            .withPorts(port("https", "TCP", 443, 80))
            .endSpec()
            .build();
    create(service);
    awaitHostname("sni");
    var listener =
        elbv2
            .describeListeners(r -> r.loadBalancerArn(loadBalancerOf("sni").loadBalancerArn()))
            .listeners()
            .get(0);
    // AWS lists only the default here; moto lists the SNI certificates too.
    assertThat(listener.certificates()).extracting(c -> c.certificateArn()).contains(first);
    assertThat(otherCertificates(listener.listenerArn(), first))
        .containsExactlyInAnyOrder(second, third);
    var modified = proxy.requests("ModifyListener");
    var created = proxy.requests("CreateListener");
    var removed = proxy.requests("RemoveListenerCertificates");

    edit(
        "sni",
        b ->
            b.editMetadata()
                .addToAnnotations(ServiceAnnotations.SSL_CERT, String.join(",", first, third))
                .endMetadata());

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(otherCertificates(listener.listenerArn(), first))
                    .containsExactly(third));
    // Two more listings, each followed by a reconciliation: nothing more is added or removed.
    var added = proxy.requests("AddListenerCertificates");
    int listings = proxy.requests("DescribeLoadBalancers");
    await().atMost(TIMEOUT).until(() -> proxy.requests("DescribeLoadBalancers") >= listings + 2);
    assertThat(proxy.requests("RemoveListenerCertificates") - removed).isEqualTo(1);
    assertThat(proxy.requests("AddListenerCertificates")).isEqualTo(added);
    assertThat(proxy.requests("ModifyListener") - modified).isZero();
    assertThat(proxy.requests("CreateListener") - created).isZero();
  }

  /** The listener's certificates besides its default, however AWS marks that one. */
  private List<String> otherCertificates(String listenerArn, String defaultCertificate) {
    return elbv2
        .describeListenerCertificates(r -> r.listenerArn(listenerArn))
        .certificates()
        .stream()
        .filter(c -> !Boolean.TRUE.equals(c.isDefault()))
        .filter(c -> !c.certificateArn().equals(defaultCertificate))
        .map(c -> c.certificateArn())
        .toList();
  }

  /** A certificate without ssl-ports makes every TCP port TLS, as with the Go controller. */
  @Test
  void certificateMakesTcpPortsTlsAndUdpPortsGetTheirOwnListenersTaggedLikeTheStack() {
    var certificate = MotoCertificates.request(cluster, "mixed.example.com");
    var service =
        new ServiceBuilder(
                service(
                    "mixed",
                    Map.of(
                        ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip",
                        ServiceAnnotations.SSL_CERT, certificate,
                        ServiceAnnotations.ALPN_POLICY, "HTTP2Preferred")))
            .editSpec()
            .withPorts(port("https", "TCP", 443, 80), port("dns", "UDP", 53, 53))
            .endSpec()
            .build();
    create(service);
    awaitHostname("mixed");

    var listeners =
        elbv2
            .describeListeners(r -> r.loadBalancerArn(loadBalancerOf("mixed").loadBalancerArn()))
            .listeners();
    assertThat(listeners)
        .extracting(l -> l.port() + "/" + l.protocolAsString())
        .containsExactlyInAnyOrder("443/TLS", "53/UDP");
    var tls = listeners.stream().filter(l -> l.port() == 443).findFirst().orElseThrow();
    assertThat(tls.certificates()).extracting(c -> c.certificateArn()).contains(certificate);
    assertThat(tls.sslPolicy()).isEqualTo(NlbModelBuilder.DEFAULT_SSL_POLICY);
    assertThat(targetGroupsOf("mixed"))
        .extracting(tg -> tg.port() + "/" + tg.protocolAsString())
        .containsExactlyInAnyOrder("80/TCP", "53/UDP");
    for (var listener : listeners) {
      assertThat(elbTags(listener.listenerArn()))
          .containsEntry("elbv2.k8s.aws/cluster", cluster.get("ELBV2_CLUSTER_NAME"))
          .containsEntry("service.k8s.aws/stack", stack("mixed"))
          .containsEntry("service.k8s.aws/resource", Integer.toString(listener.port()));
    }
    var mixed = get("mixed");
    assertThat(loadBalancerOf("mixed").loadBalancerName())
        .isEqualTo(
            io.elbv2.operator.model.ResourceNames.of(
                mixed.getMetadata().getNamespace(),
                "mixed",
                cluster.get("ELBV2_CLUSTER_NAME"),
                mixed.getMetadata().getUid(),
                "internal"));
  }

  @Test
  void targetNodeLabelsMakeOnlyTheLabelledNodesInstanceTargets() {
    var zoneLabel = "topology.kubernetes.io/zone";
    var nodes =
        client.nodes().list().getItems().stream()
            .filter(n -> io.elbv2.operator.targetgroupbinding.Backends.instanceId(n).isPresent())
            .toList();
    var zone = nodes.get(0).getMetadata().getLabels().get(zoneLabel);
    create(
        service(
            "zonal",
            Map.of(
                ServiceAnnotations.LOAD_BALANCER_TYPE,
                "nlb",
                ServiceAnnotations.TARGET_NODE_LABELS,
                zoneLabel + "=" + zone)));
    awaitHostname("zonal");

    int nodePort = get("zonal").getSpec().getPorts().get(0).getNodePort();
    var inZone =
        nodes.stream()
            .filter(n -> zone.equals(n.getMetadata().getLabels().get(zoneLabel)))
            .map(n -> instanceTarget(n, nodePort))
            .collect(Collectors.toSet());
    assertThat(inZone).isNotEmpty().hasSizeLessThan(nodes.size());
    var group = targetGroupsOf("zonal").get(0).targetGroupArn();
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(targets(group)).isEqualTo(inZone));
  }

  @Test
  void backendSecurityGroupStaysWhileALoadBalancerOfAnotherKindCarriesIt() {
    create(service("first", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")));
    awaitHostname("first");
    var backendId = backendSecurityGroup().groupId();
    var subnets =
        loadBalancerOf("first").availabilityZones().stream().map(az -> az.subnetId()).toList();
    var admin = cluster.elbv2Admin();
    var alb =
        admin
            .createLoadBalancer(
                r ->
                    r.name("other-kind-" + workloads.namespace().hashCode() % 10000)
                        .type("application")
                        .scheme("internal")
                        .subnets(subnets)
                        .securityGroups(backendId))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    try {
      client.services().inNamespace(workloads.namespace()).withName("first").delete();
      await().atMost(TIMEOUT).until(() -> owned("first").isEmpty());

      await()
          .during(Duration.ofSeconds(8))
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  !ec2.describeSecurityGroups(
                          r ->
                              r.filters(
                                  Filter.builder().name("group-id").values(backendId).build()))
                      .securityGroups()
                      .isEmpty());
    } finally {
      admin.deleteLoadBalancer(r -> r.loadBalancerArn(alb));
    }
  }

  @Test
  void disableNlbSgMakesAnNlbWithoutSecurityGroupsWhoseTargetsAdmitTheVpc() {
    create(
        service(
            "bare",
            Map.of(
                ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip",
                ServiceAnnotations.DISABLE_NLB_SG, "true")));
    awaitHostname("bare");

    assertThat(loadBalancerOf("bare").securityGroups()).isEmpty();
    assertThat(managedSecurityGroups("bare")).isEmpty();
    var binding =
        client
            .resources(io.elbv2.operator.api.TargetGroupBinding.class)
            .inNamespace(workloads.namespace())
            .list()
            .getItems()
            .get(0);
    assertThat(binding.getSpec().networking().ingress())
        .flatExtracting(rule -> rule.from())
        .allSatisfy(peer -> assertThat(peer.securityGroup()).isNull())
        .isNotEmpty();
  }

  @Test
  void sslPortsNamingAPortTheServiceLacksIsRefusedAndNothingIsMade() {
    var certificate = MotoCertificates.request(cluster, "typo.example.com");
    var typo =
        create(
            service(
                "typo",
                Map.of(
                    ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip",
                    ServiceAnnotations.SSL_CERT, certificate,
                    ServiceAnnotations.SSL_PORTS, "8443")));

    awaitWarning(
        typo,
        "FailedBuildModel",
        message -> message.contains(ServiceAnnotations.SSL_PORTS) && message.contains("'8443'"));
    assertThat(owned("typo")).isEmpty();
    assertThat(OperatorEvents.on(client, typo))
        .extracting(e -> e.getReason())
        .doesNotContain("SuccessfullyReconciled");
  }

  @Test
  void tcpAndUdpOnOnePortWithoutTheSwitchServeTheFirstAndSayWhichIsNot() {
    var service =
        new ServiceBuilder(service("dns", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")))
            .editSpec()
            .withPorts(port("dns-udp", "UDP", 53, 53), port("dns-tcp", "TCP", 53, 53))
            .endSpec()
            .build();
    var dns = create(service);
    awaitHostname("dns");

    assertThat(
            elbv2
                .describeListeners(r -> r.loadBalancerArn(loadBalancerOf("dns").loadBalancerArn()))
                .listeners())
        .extracting(l -> l.port() + "/" + l.protocolAsString())
        .containsExactly("53/UDP");
    awaitWarning(dns, "NotServed", message -> message.startsWith("port 53/TCP gets no listener"));
  }

  @Test
  void listenerDeletedByHandIsPutBackWithItsPortProtocolAndTargetGroup() {
    create(service("relisted", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")));
    awaitHostname("relisted");
    var lbArn = loadBalancerOf("relisted").loadBalancerArn();
    var tgArn = targetGroupsOf("relisted").get(0).targetGroupArn();
    // Settled: nothing of the Service changes any more on its own.
    await()
        .atMost(TIMEOUT)
        .until(() -> targets(tgArn).equals(workloads.readyPodTargets("nginx", 80)));
    var deleted = elbv2.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners().get(0);

    elbv2.deleteListener(r -> r.listenerArn(deleted.listenerArn()));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(elbv2.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners())
                    .singleElement()
                    .satisfies(
                        l -> {
                          assertThat(l.listenerArn()).isNotEqualTo(deleted.listenerArn());
                          assertThat(l.port()).isEqualTo(28080);
                          assertThat(l.protocolAsString()).isEqualTo("TCP");
                          assertThat(l.defaultActions().get(0).targetGroupArn()).isEqualTo(tgArn);
                        }));
  }

  @Test
  void listenerAwsRefusesIsAWarningWithTheAwsErrorAndNoTargetsAreRegistered() {
    var missing =
        "arn:aws-cn:acm:"
            + cluster.get("AWS_REGION")
            + ":123456789012:certificate/"
            + java.util.UUID.randomUUID();
    var service =
        create(
            service(
                "uncertified",
                Map.of(
                    ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip",
                    ServiceAnnotations.SSL_PORTS, "28080",
                    ServiceAnnotations.SSL_CERT, missing)));

    awaitWarning(service, "FailedDeployModel", message -> message.contains("CertificateNotFound"));
    var groups = targetGroupsOf("uncertified");
    assertThat(groups).singleElement();
    // The ready pods would be registered within a second or two if the binding were made.
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(targets(groups.get(0).targetGroupArn())).isEmpty();
              assertThat(
                      client
                          .resources(io.elbv2.operator.api.TargetGroupBinding.class)
                          .inNamespace(workloads.namespace())
                          .list()
                          .getItems())
                  .isEmpty();
            });
    assertThat(OperatorEvents.on(client, service))
        .extracting(e -> e.getReason())
        .doesNotContain("SuccessfullyReconciled");
    assertThat(get("uncertified").getStatus().getLoadBalancer().getIngress()).isNullOrEmpty();
  }

  @Test
  void nlbGetsASecurityGroupForItsSourceRangesAndTheNodesAdmitTheSharedBackendGroup() {
    var range = "203.0.113.0/24";
    var service =
        new ServiceBuilder(service("ranged", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb")))
            .editSpec()
            .withLoadBalancerSourceRanges(range)
            .endSpec()
            .build();
    create(service);
    awaitHostname("ranged");

    var group = managedSecurityGroups("ranged").get(0);
    assertThat(group.ipPermissions())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.ipProtocol()).isEqualTo("tcp");
              assertThat(p.fromPort()).isEqualTo(28080);
              assertThat(p.ipRanges()).extracting(r -> r.cidrIp()).containsExactly(range);
            });
    var backendId = backendSecurityGroup().groupId();
    assertThat(loadBalancerOf("ranged").securityGroups())
        .containsExactlyInAnyOrder(group.groupId(), backendId);
    var nodeGroup = cluster.get("ELBV2_NODE_SECURITY_GROUP");
    await().atMost(TIMEOUT).until(() -> ingressSources(nodeGroup).contains(backendId));
    assertThat(ingressSources(nodeGroup)).doesNotContain(range, group.groupId());
    var nodePort = get("ranged").getSpec().getPorts().get(0).getNodePort();
    assertThat(
            ec2.describeSecurityGroups(r -> r.groupIds(nodeGroup))
                .securityGroups()
                .get(0)
                .ipPermissions())
        .filteredOn(p -> p.userIdGroupPairs().stream().anyMatch(g -> g.groupId().equals(backendId)))
        // A range over the ports of every Service the backend group reaches, not every port.
        .anySatisfy(
            p -> {
              assertThat(p.ipProtocol()).isEqualTo("tcp");
              assertThat(p.fromPort()).isLessThanOrEqualTo(nodePort).isPositive();
              assertThat(p.toPort()).isGreaterThanOrEqualTo(nodePort).isLessThan(65535);
            });

    client.resource(service).delete();

    await().atMost(TIMEOUT).until(() -> get("ranged") == null);
    assertThat(managedSecurityGroups("ranged")).isEmpty();
    assertThat(owned("ranged")).isEmpty();
  }

  /** The cluster's shared backend security group; there is one. */
  private SecurityGroup backendSecurityGroup() {
    return BackendSecurityGroups.of(ec2, cluster).orElseThrow();
  }

  /** CIDRs and security group ids the group admits. */
  private Set<String> ingressSources(String groupId) {
    var sources = new java.util.HashSet<String>();
    for (var permission :
        ec2.describeSecurityGroups(r -> r.groupIds(groupId))
            .securityGroups()
            .get(0)
            .ipPermissions()) {
      permission.ipRanges().forEach(r -> sources.add(r.cidrIp()));
      permission.userIdGroupPairs().forEach(p -> sources.add(p.groupId()));
    }
    return sources;
  }

  /** The EC2 security groups tagged for the Service's stack in this cluster. */
  private List<SecurityGroup> managedSecurityGroups(String name) {
    return ec2.describeSecurityGroups(
            r ->
                r.filters(
                    Filter.builder()
                        .name("tag:elbv2.k8s.aws/cluster")
                        .values(cluster.get("ELBV2_CLUSTER_NAME"))
                        .build(),
                    Filter.builder().name("tag:service.k8s.aws/stack").values(stack(name)).build()))
        .securityGroups();
  }

  @Test
  void healthCheckChangeChangesOnlyTheTargetGroup() {
    create(service("checked", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")));
    awaitHostname("checked");
    var lbArn = loadBalancerOf("checked").loadBalancerArn();
    var tgArn = targetGroupsOf("checked").get(0).targetGroupArn();

    annotate("checked", ServiceAnnotations.HC_INTERVAL, "30");

    await()
        .atMost(TIMEOUT)
        .until(() -> targetGroupsOf("checked").get(0).healthCheckIntervalSeconds() == 30);
    assertThat(targetGroupsOf("checked").get(0).targetGroupArn()).isEqualTo(tgArn);
    assertThat(loadBalancerOf("checked").loadBalancerArn()).isEqualTo(lbArn);
  }

  @Test
  void portChangeMovesTheListenerAndKeepsTheLoadBalancer() {
    create(service("moving", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")));
    awaitHostname("moving");
    var lbArn = loadBalancerOf("moving").loadBalancerArn();

    edit("moving", b -> b.editSpec().editFirstPort().withPort(28081).endPort().endSpec());

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              var listeners = elbv2.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners();
              assertThat(listeners).singleElement().extracting(l -> l.port()).isEqualTo(28081);
              var groups = targetGroupsOf("moving");
              assertThat(groups).singleElement();
              assertThat(listeners.get(0).defaultActions().get(0).targetGroupArn())
                  .isEqualTo(groups.get(0).targetGroupArn());
              assertThat(targets(groups.get(0).targetGroupArn()))
                  .isEqualTo(workloads.readyPodTargets("nginx", 80));
            });
    assertThat(loadBalancerOf("moving").loadBalancerArn()).isEqualTo(lbArn);
  }

  @Test
  void attributeAnnotationIsWrittenToTheLoadBalancerInPlace() {
    create(service("attributed", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")));
    awaitHostname("attributed");
    var lbArn = loadBalancerOf("attributed").loadBalancerArn();

    annotate("attributed", ServiceAnnotations.ATTRIBUTES, "load_balancing.cross_zone.enabled=true");

    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                elbv2
                    .describeLoadBalancerAttributes(r -> r.loadBalancerArn(lbArn))
                    .attributes()
                    .stream()
                    .anyMatch(
                        a ->
                            a.key().equals("load_balancing.cross_zone.enabled")
                                && a.value().equals("true")));
    assertThat(loadBalancerOf("attributed").loadBalancerArn()).isEqualTo(lbArn);
  }

  @Test
  void resourceTagChangeIsWrittenToEveryObjectOfTheStackInPlace() {
    create(
        service(
            "tagged",
            Map.of(
                ServiceAnnotations.LOAD_BALANCER_TYPE,
                "nlb-ip",
                ServiceAnnotations.TAGS,
                "team=web,retired=yes")));
    awaitHostname("tagged");
    var lbArn = loadBalancerOf("tagged").loadBalancerArn();
    var tgArn = targetGroupsOf("tagged").get(0).targetGroupArn();
    var groupId = managedSecurityGroups("tagged").get(0).groupId();
    var listenerArn = listenerArnOf(lbArn);
    assertThat(elbTags(lbArn)).containsEntry("team", "web").containsEntry("retired", "yes");
    assertThat(elbTags(listenerArn)).containsEntry("team", "web").containsEntry("retired", "yes");

    annotate("tagged", ServiceAnnotations.TAGS, "team=edge");

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              for (var tags :
                  List.of(
                      elbTags(lbArn),
                      elbTags(tgArn),
                      elbTags(listenerArn),
                      ec2Tags(managedSecurityGroups("tagged").get(0)))) {
                assertThat(tags)
                    .containsEntry("team", "edge")
                    .doesNotContainKey("retired")
                    .containsEntry("service.k8s.aws/stack", stack("tagged"));
              }
            });
    assertThat(loadBalancerOf("tagged").loadBalancerArn()).isEqualTo(lbArn);
    assertThat(targetGroupsOf("tagged").get(0).targetGroupArn()).isEqualTo(tgArn);
    assertThat(managedSecurityGroups("tagged").get(0).groupId()).isEqualTo(groupId);
    assertThat(listenerArnOf(lbArn)).isEqualTo(listenerArn);
  }

  private String listenerArnOf(String lbArn) {
    return elbv2.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners().get(0).listenerArn();
  }

  private Map<String, String> elbTags(String arn) {
    var tags = new java.util.HashMap<String, String>();
    elbv2
        .describeTags(r -> r.resourceArns(arn))
        .tagDescriptions()
        .get(0)
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  private static Map<String, String> ec2Tags(SecurityGroup group) {
    var tags = new java.util.HashMap<String, String>();
    group.tags().forEach(t -> tags.put(t.key(), t.value()));
    return tags;
  }

  @Test
  void securityGroupNamedByItsNameTagIsResolvedWithTheBackendGroupAndAnUnknownNameIsReported() {
    var name = "frontend-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    var admin = cluster.ec2Admin();
    var groupId =
        admin
            .createSecurityGroup(
                r ->
                    r.groupName(name)
                        .description("made by the user")
                        .vpcId(cluster.get("ELBV2_VPC_ID"))
                        .tagSpecifications(
                            t ->
                                t.resourceType("security-group")
                                    .tags(
                                        software.amazon.awssdk.services.ec2.model.Tag.builder()
                                            .key("Name")
                                            .value(name)
                                            .build())))
            .groupId();
    try {
      create(
          service(
              "named-group",
              Map.of(
                  ServiceAnnotations.LOAD_BALANCER_TYPE,
                  "nlb-ip",
                  ServiceAnnotations.SECURITY_GROUPS,
                  name,
                  ServiceAnnotations.MANAGE_BACKEND_RULES,
                  "true")));
      var unknown =
          create(
              service(
                  "unknown-group",
                  Map.of(
                      ServiceAnnotations.LOAD_BALANCER_TYPE,
                      "nlb-ip",
                      ServiceAnnotations.SECURITY_GROUPS,
                      "no-such-group")));

      awaitHostname("named-group");
      assertThat(loadBalancerOf("named-group").securityGroups())
          .containsExactlyInAnyOrder(groupId, backendSecurityGroup().groupId());
      assertThat(managedSecurityGroups("named-group")).isEmpty();
      await()
          .atMost(TIMEOUT)
          .until(
              () ->
                  OperatorEvents.warningsOn(client, unknown).stream()
                      .map(e -> e.getMessage())
                      .anyMatch(
                          m ->
                              m.contains(ServiceAnnotations.SECURITY_GROUPS + ": ")
                                  && m.contains("'no-such-group' matches 0 groups")));
      assertThat(owned("unknown-group")).isEmpty();
    } finally {
      client.services().inNamespace(workloads.namespace()).withName("named-group").delete();
      await().atMost(TIMEOUT).until(() -> get("named-group") == null);
      admin.deleteSecurityGroup(r -> r.groupId(groupId));
    }
  }

  @Test
  void badAnnotationIsReportedAndMakesNothingWhileTheServiceBesideItIsServed() {
    var bad =
        create(
            service(
                "bad",
                Map.of(
                    ServiceAnnotations.LOAD_BALANCER_TYPE,
                    "nlb-ip",
                    ServiceAnnotations.SCHEME,
                    "public")));
    create(service("good", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")));

    awaitHostname("good");
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                OperatorEvents.warningsOn(client, bad).stream()
                    .map(e -> e.getMessage())
                    .anyMatch(
                        m ->
                            m.contains(ServiceAnnotations.SCHEME)
                                && m.contains("'public' is not one of")));
    assertThat(owned("bad")).isEmpty();
    assertThat(get("bad").getStatus().getLoadBalancer().getIngress()).isNullOrEmpty();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(get("bad").getStatus().getConditions())
                    .filteredOn(c -> c.getType().equals("service.k8s.aws/LoadBalancerReady"))
                    .singleElement()
                    .satisfies(
                        c -> {
                          assertThat(c.getStatus()).isEqualTo("False");
                          assertThat(c.getReason()).isEqualTo("FailedBuildModel");
                          assertThat(c.getMessage()).startsWith(ServiceAnnotations.SCHEME + ": ");
                        }));
    assertThat(get("good").getStatus().getConditions())
        .filteredOn(c -> c.getType().equals("service.k8s.aws/LoadBalancerReady"))
        .singleElement()
        .extracting(c -> c.getStatus())
        .isEqualTo("True");
  }

  @Test
  void healthCheckPortTooBigForAnIntIsReportedNamingItAndMakesNoLoadBalancer() {
    var bad =
        create(
            service(
                "huge-port",
                Map.of(
                    ServiceAnnotations.LOAD_BALANCER_TYPE,
                    "nlb-ip",
                    ServiceAnnotations.HC_PORT,
                    "99999999999")));

    awaitWarning(
        bad,
        "FailedBuildModel",
        message ->
            message.contains(ServiceAnnotations.HC_PORT + ": ")
                && message.contains("'99999999999' is out of range"));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(get("huge-port").getStatus().getConditions())
                    .filteredOn(c -> c.getType().equals("service.k8s.aws/LoadBalancerReady"))
                    .singleElement()
                    .satisfies(
                        c -> {
                          assertThat(c.getStatus()).isEqualTo("False");
                          assertThat(c.getReason()).isEqualTo("FailedBuildModel");
                          assertThat(c.getMessage()).startsWith(ServiceAnnotations.HC_PORT + ": ");
                        }));
    assertThat(owned("huge-port")).isEmpty();
    assertThat(managedSecurityGroups("huge-port")).isEmpty();
    assertThat(get("huge-port").getStatus().getLoadBalancer().getIngress()).isNullOrEmpty();
    assertThat(OperatorEvents.on(client, bad))
        .extracting(e -> e.getReason())
        .doesNotContain("SuccessfullyReconciled");
  }

  private static io.fabric8.kubernetes.api.model.ServicePort port(
      String name, String protocol, int port, int targetPort) {
    return new ServicePortBuilder()
        .withName(name)
        .withProtocol(protocol)
        .withPort(port)
        .withTargetPort(new IntOrString(targetPort))
        .build();
  }

  /** A node as an instance target on the node port, as moto lists targets. */
  private static String instanceTarget(io.fabric8.kubernetes.api.model.Node node, int nodePort) {
    return io.elbv2.operator.targetgroupbinding.Backends.instanceId(node).orElseThrow()
        + ":"
        + nodePort;
  }

  /**
   * AWS failing CreateLoadBalancer for longer than the retries of earlier versions lasted (10 tries
   * for Services, about 90 s of waits), after which they waited 10 hours: the Service gets its load
   * balancer at the next try once AWS answers again, at most one cap later.
   */
  @Test
  void serviceWhoseLoadBalancerAwsRefusedForMinutesGetsItOnceAwsAnswersAgain() {
    var began = System.nanoTime();
    proxy.failUntilLifted("CreateLoadBalancer", FaultInjectingProxy.Fault.SERVER_ERROR);
    try {
      var service =
          create(service("patient", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip")));
      // Every failed try is a FailedDeployModel warning: more of them than the 10 tries of old,
      // over more than their 90 s.
      await()
          .atMost(Duration.ofMinutes(8))
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  failedDeploys(service) > 10
                      && Duration.ofNanos(System.nanoTime() - began).toSeconds() > 100);
      assertThat(hostnameOf("patient")).isNull();
    } finally {
      proxy.lift("CreateLoadBalancer");
    }

    await()
        .atMost(settings.serviceMaxExponentialBackoffDelay().plus(TIMEOUT))
        .until(() -> hostnameOf("patient") != null);
    assertThat(loadBalancerOf("patient").dnsName()).isEqualTo(hostnameOf("patient"));
  }

  /**
   * Unlike AWS, moto deletes a security group that a network interface (or another group's rule)
   * still uses, so what holds an object of the Service here is a listener of a load balancer made
   * outside the operator, forwarding to the Service's target group: moto then refuses
   * DeleteTargetGroup with ResourceInUse, as AWS does (AWS would not let a second load balancer use
   * the group in the first place; moto does).
   */
  @Test
  void targetGroupHeldByAListenerMadeOutsideTheOperatorKeepsTheServiceAndIsNamedAfterAMinute() {
    create(
        service(
            "held",
            Map.of(
                ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip",
                ServiceAnnotations.DISABLE_NLB_SG, "true")));
    awaitHostname("held");
    var targetGroup = targetGroupsOf("held").get(0).targetGroupArn();
    var subnets =
        loadBalancerOf("held").availabilityZones().stream().map(az -> az.subnetId()).toList();
    var admin = cluster.elbv2Admin();
    var outside =
        admin
            .createLoadBalancer(
                r ->
                    r.name("outside-" + Math.floorMod(workloads.namespace().hashCode(), 10000))
                        .type("network")
                        .scheme("internal")
                        .subnets(subnets))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    try {
      var listener =
          admin
              .createListener(
                  r ->
                      r.loadBalancerArn(outside)
                          .protocol("TCP")
                          .port(9000)
                          .defaultActions(a -> a.type("forward").targetGroupArn(targetGroup)))
              .listeners()
              .get(0)
              .listenerArn();
      var service = get("held");

      client.resource(service).delete();

      // Tried again quietly at first: a load balancer being deleted lets go within a minute.
      await()
          .during(Duration.ofSeconds(45))
          .atMost(Duration.ofSeconds(50))
          .until(() -> cleanupWarnings(service).isEmpty() && get("held") != null);
      await().atMost(Duration.ofMinutes(2)).until(() -> !cleanupWarnings(service).isEmpty());
      assertThat(cleanupWarnings(service))
          .singleElement()
          .extracting(Event::getMessage)
          .asString()
          .startsWith("Failed cleanup due to target group " + targetGroup + ": ResourceInUse: ")
          .contains("in use by a listener");
      assertThat(get("held").getMetadata().getFinalizers()).contains(ServiceSelection.FINALIZER);

      admin.deleteListener(r -> r.listenerArn(listener));

      await()
          .atMost(settings.serviceMaxExponentialBackoffDelay().plus(TIMEOUT))
          .until(() -> get("held") == null);
      assertThat(
              ClusterTagged.in(cluster.elbv2Admin(), cluster.ec2Admin(), cluster)
                  .withTag(OwnershipTags.SERVICE.stackKey(), stack("held")))
          .as("AWS objects tagged for the deleted Service")
          .isEmpty();
    } finally {
      admin.deleteLoadBalancer(r -> r.loadBalancerArn(outside));
    }
  }

  /** How many tries of the Service failed to deploy, as its FailedDeployModel warnings count. */
  private int failedDeploys(Service service) {
    return OperatorEvents.warningsOn(client, service).stream()
        .filter(e -> "FailedDeployModel".equals(e.getReason()))
        .mapToInt(e -> e.getCount() == null ? 1 : e.getCount())
        .sum();
  }

  private List<Event> cleanupWarnings(Service service) {
    return OperatorEvents.warningsOn(client, service).stream()
        .filter(e -> "FailedCleanup".equals(e.getReason()))
        .toList();
  }

  private String hostnameOf(String name) {
    var current = get(name);
    var status = current == null ? null : current.getStatus();
    return status == null
            || status.getLoadBalancer() == null
            || status.getLoadBalancer().getIngress() == null
            || status.getLoadBalancer().getIngress().isEmpty()
        ? null
        : status.getLoadBalancer().getIngress().get(0).getHostname();
  }

  /** Waits for a Warning event of that reason on the Service whose message passes the test. */
  private void awaitWarning(
      Service service, String reason, java.util.function.Predicate<String> message) {
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                OperatorEvents.warningsOn(client, service).stream()
                    .anyMatch(e -> e.getReason().equals(reason) && message.test(e.getMessage())));
  }

  /** Changes a Service as a user would with {@code kubectl edit}. */
  private void edit(String name, UnaryOperator<ServiceBuilder> change) {
    Conflicts.retried(
        () ->
            client
                .services()
                .inNamespace(workloads.namespace())
                .withName(name)
                .edit(s -> change.apply(new ServiceBuilder(s)).build()));
  }

  private void annotate(String name, String key, String value) {
    edit(name, b -> b.editMetadata().addToAnnotations(key, value).endMetadata());
  }

  private Service service(String name, Map<String, String> annotations) {
    return LoadBalancerServices.tcp(workloads.namespace(), name, "nginx", 28080, 80, annotations);
  }

  private Service create(Service service) {
    return client.resource(service).create();
  }

  private Service get(String name) {
    return client.services().inNamespace(workloads.namespace()).withName(name).get();
  }

  private String awaitHostname(String name) {
    await()
        .atMost(TIMEOUT)
        .until(
            () -> {
              var status = get(name).getStatus();
              return status != null
                  && status.getLoadBalancer() != null
                  && status.getLoadBalancer().getIngress() != null
                  && !status.getLoadBalancer().getIngress().isEmpty();
            });
    return get(name).getStatus().getLoadBalancer().getIngress().get(0).getHostname();
  }

  private String stack(String name) {
    return workloads.namespace() + "/" + name;
  }

  /**
   * ARNs of every load balancer and target group tagged for the Service's stack in this cluster.
   */
  private List<String> owned(String name) {
    var arns = new ArrayList<String>();
    elbv2.describeLoadBalancers().loadBalancers().forEach(lb -> arns.add(lb.loadBalancerArn()));
    elbv2.describeTargetGroups().targetGroups().forEach(tg -> arns.add(tg.targetGroupArn()));
    if (arns.isEmpty()) {
      return List.of();
    }
    var existing = Set.copyOf(arns);
    var owned = new ArrayList<String>();
    for (int start = 0; start < arns.size(); start += 20) {
      var batch = arns.subList(start, Math.min(arns.size(), start + 20));
      elbv2.describeTags(r -> r.resourceArns(batch)).tagDescriptions().stream()
          .filter(d -> existing.contains(d.resourceArn()))
          .filter(
              d ->
                  d.tags().stream()
                      .anyMatch(
                          t ->
                              t.key().equals("service.k8s.aws/stack")
                                  && t.value().equals(stack(name))))
          .filter(
              d ->
                  d.tags().stream()
                      .anyMatch(
                          t ->
                              t.key().equals("elbv2.k8s.aws/cluster")
                                  && t.value().equals(cluster.get("ELBV2_CLUSTER_NAME"))))
          .forEach(d -> owned.add(d.resourceArn()));
    }
    return owned;
  }

  private LoadBalancer loadBalancerOf(String name) {
    var owned = Set.copyOf(owned(name));
    return elbv2.describeLoadBalancers().loadBalancers().stream()
        .filter(lb -> owned.contains(lb.loadBalancerArn()))
        .findFirst()
        .orElseThrow();
  }

  private List<TargetGroup> targetGroupsOf(String name) {
    var owned = Set.copyOf(owned(name));
    return elbv2.describeTargetGroups().targetGroups().stream()
        .filter(tg -> owned.contains(tg.targetGroupArn()))
        .toList();
  }

  private Set<String> targets(String arn) {
    return new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID")).targets(arn);
  }
}
