package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.NlbFixtures.CONTEXT;
import static io.elbv2.operator.build.nlb.NlbFixtures.SECURITY_GROUPS;
import static io.elbv2.operator.build.nlb.NlbFixtures.SUBNETS;
import static io.elbv2.operator.build.nlb.NlbFixtures.WITH_NLB_SECURITY_GROUPS;
import static io.elbv2.operator.build.nlb.NlbFixtures.external;
import static io.elbv2.operator.build.nlb.NlbFixtures.port;
import static io.elbv2.operator.build.nlb.NlbFixtures.service;
import static io.elbv2.operator.build.nlb.NlbFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.discovery.SubnetLookup;
import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.BindingSpec;
import io.elbv2.operator.model.BindingSpec.OpenPort;
import io.elbv2.operator.model.HealthCheckSpec;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.LoadBalancerSpec.SubnetMapping;
import io.elbv2.operator.model.SecurityGroupSpec;
import io.elbv2.operator.model.Stack;
import io.elbv2.operator.model.TargetGroupSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NlbModelBuilderTest {

  private static final HealthCheckSpec TCP_CHECK =
      new HealthCheckSpec("TCP", "traffic-port", null, 10, 10, 3, 3, null);

  /** The seed's nginx-service-nlb-ip: IP targets on the pods' port 80, internal by default. */
  @Test
  void seedNlbIpServiceBecomesAnInternalNlbWithIpTargets() {
    var service =
        service(
            "nginx-service-nlb-ip",
            Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip"),
            28080,
            80,
            31000);

    var stack = NlbModelBuilder.build(service, CONTEXT);

    var tgName = stack.targetGroups().get(0).name();
    var tags =
        Map.of(
            "team",
            "edge",
            "elbv2.k8s.aws/cluster",
            "prod",
            "service.k8s.aws/stack",
            "default/nginx-service-nlb-ip");
    assertThat(stack)
        .isEqualTo(
            new Stack(
                "default/nginx-service-nlb-ip",
                List.of(),
                false,
                new LoadBalancerSpec(
                    stack.loadBalancer().name(),
                    LoadBalancerSpec.Type.NETWORK,
                    Scheme.INTERNAL,
                    IpAddressType.IPV4,
                    List.of(SubnetMapping.of("subnet-priv-a"), SubnetMapping.of("subnet-priv-b")),
                    List.of(),
                    Map.of(),
                    with(tags, "service.k8s.aws/resource", "LoadBalancer")),
                List.of(
                    new ListenerSpec(
                        28080,
                        "TCP",
                        List.of(),
                        null,
                        null,
                        List.of(Action.Forward.to("default/nginx-service-nlb-ip:28080")),
                        with(tags, "service.k8s.aws/resource", "28080"))),
                List.of(),
                List.of(
                    new TargetGroupSpec(
                        "default/nginx-service-nlb-ip:28080",
                        tgName,
                        "ip",
                        "TCP",
                        null,
                        80,
                        "ipv4",
                        "vpc-0a1b2c3d",
                        TCP_CHECK,
                        Map.of(),
                        with(
                            tags,
                            "service.k8s.aws/resource",
                            "default/nginx-service-nlb-ip:28080"))),
                List.of(
                    new BindingSpec(
                        tgName,
                        "default",
                        "default/nginx-service-nlb-ip:28080",
                        "ip",
                        "nginx-service-nlb-ip",
                        "28080",
                        "ipv4",
                        List.of("10.0.0.0/16"),
                        false,
                        List.of(new OpenPort("TCP", "80")),
                        new OpenPort("TCP", "80"),
                        List.of("10.0.0.0/16"),
                        Map.of(),
                        false))));
    assertThat(stack.loadBalancer().name())
        .matches("k8s-default-nginxser-[0-9a-f]{10}")
        .hasSizeLessThanOrEqualTo(32);
  }

  /**
   * The seed's service-nginx (in-tree `nlb`): instance targets on the node port, internet-facing as
   * before.
   */
  @Test
  void seedInTreeNlbServiceBecomesAnInternetFacingNlbWithInstanceTargets() {
    var service =
        service(
            "service-nginx",
            Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb"),
            28080,
            80,
            31324);

    var stack = NlbModelBuilder.build(service, CONTEXT);

    assertThat(stack.loadBalancer().scheme()).isEqualTo(Scheme.INTERNET_FACING);
    assertThat(stack.loadBalancer().subnets())
        .extracting(SubnetMapping::subnetId)
        .containsExactly("subnet-pub-a", "subnet-pub-b");
    assertThat(stack.targetGroups())
        .singleElement()
        .satisfies(
            tg -> {
              assertThat(tg.targetType()).isEqualTo("instance");
              assertThat(tg.port()).isEqualTo(31324);
            });
    assertThat(stack.bindings().get(0).allowedSources()).containsExactly("0.0.0.0/0");
    assertThat(stack.bindings().get(0).trafficPorts())
        .containsExactly(new OpenPort("TCP", "31324"));
    assertThat(stack.bindings().get(0).healthCheckSources()).containsExactly("10.0.0.0/16");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "aws-load-balancer-scheme | internet-facing | scheme | INTERNET_FACING",
        "aws-load-balancer-internal | true | scheme | INTERNAL",
        "aws-load-balancer-internal | false | scheme | INTERNET_FACING",
        "aws-load-balancer-ip-address-type | dualstack | ipAddressType | DUALSTACK",
        "aws-load-balancer-subnets | subnet-x, y | subnets | subnet-x,subnet-y",
        "aws-load-balancer-attributes | load_balancing.cross_zone.enabled=true | attributes | load_balancing.cross_zone.enabled=true"
      })
  void loadBalancerAnnotations(String annotation, String value, String field, String expected) {
    var lb =
        NlbModelBuilder.build(
                external(Map.of(ServiceAnnotations.PREFIX + annotation, value)), CONTEXT)
            .loadBalancer();

    var actual =
        switch (field) {
          case "scheme" -> lb.scheme().name();
          case "ipAddressType" -> lb.ipAddressType().name();
          case "subnets" ->
              String.join(",", lb.subnets().stream().map(SubnetMapping::subnetId).toList());
          case "attributes" -> lb.attributes().entrySet().iterator().next().toString();
          default -> throw new IllegalArgumentException(field);
        };
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void eipAllocationsGoToTheSubnetsInOrder() {
    var stack =
        NlbModelBuilder.build(
            external(
                Map.of(
                    ServiceAnnotations.SCHEME, "internet-facing",
                    ServiceAnnotations.EIP_ALLOCATIONS, "eipalloc-1,eipalloc-2")),
            CONTEXT);

    assertThat(stack.loadBalancer().subnets())
        .containsExactly(
            new SubnetMapping("subnet-pub-a", "eipalloc-1", null),
            new SubnetMapping("subnet-pub-b", "eipalloc-2", null));
  }

  @Test
  void newNlbGetsItsOwnSecurityGroupAdmittingTheSourceRangesOnItsListenerPorts() {
    var service =
        new ServiceBuilder(external(Map.of()))
            .editSpec()
            .withLoadBalancerSourceRanges("203.0.113.0/24", "198.51.100.0/24")
            .endSpec()
            .build();

    var stack = NlbModelBuilder.build(service, WITH_NLB_SECURITY_GROUPS);

    var group = stack.securityGroups().get(0);
    assertThat(group.name()).matches("k8s-default-web-[0-9a-f]{10}");
    assertThat(group)
        .isEqualTo(
            new SecurityGroupSpec(
                "ManagedLBSecurityGroup",
                group.name(),
                "[k8s] Managed SecurityGroup for LoadBalancer",
                "vpc-0a1b2c3d",
                List.of(
                    new SecurityGroupSpec.Rule("tcp", 80, 80, "203.0.113.0/24"),
                    new SecurityGroupSpec.Rule("tcp", 80, 80, "198.51.100.0/24")),
                Map.of(
                    "team", "edge",
                    "elbv2.k8s.aws/cluster", "prod",
                    "service.k8s.aws/stack", "default/web",
                    "service.k8s.aws/resource", "ManagedLBSecurityGroup")));
    assertThat(stack.loadBalancer().securityGroups()).isEmpty();
    assertThat(stack.bindings().get(0).allowedSources()).isEmpty();
    assertThat(stack.backendSecurityGroup()).isTrue();
    assertThat(stack.bindings().get(0).allowBackendSecurityGroup()).isTrue();
  }

  @Test
  void managedSecurityGroupAdmitsEveryoneByDefaultOverIpv4AndIpv6WhenDualstack() {
    var internal = NlbModelBuilder.build(external(Map.of()), WITH_NLB_SECURITY_GROUPS);
    var dualstack =
        NlbModelBuilder.build(
            external(Map.of(ServiceAnnotations.IP_ADDRESS_TYPE, "dualstack")),
            WITH_NLB_SECURITY_GROUPS);

    assertThat(internal.securityGroups().get(0).ingress())
        .extracting(SecurityGroupSpec.Rule::cidr)
        .containsExactly("0.0.0.0/0");
    assertThat(dualstack.securityGroups().get(0).ingress())
        .extracting(SecurityGroupSpec.Rule::cidr)
        .containsExactly("0.0.0.0/0", "::/0");
  }

  @Test
  void namedSecurityGroupsReplaceTheManagedOneAndLeaveTheTargetsGroupsAlone() {
    var stack =
        NlbModelBuilder.build(
            external(Map.of(ServiceAnnotations.SECURITY_GROUPS, "sg-1,frontend")),
            WITH_NLB_SECURITY_GROUPS);

    assertThat(stack.securityGroups()).isEmpty();
    assertThat(stack.loadBalancer().securityGroups()).containsExactly("sg-1", "sg-frontend");
    assertThat(stack.bindings().get(0).allowedSources()).isEmpty();
    assertThat(stack.backendSecurityGroup()).isFalse();
    assertThat(stack.bindings().get(0).allowBackendSecurityGroup()).isFalse();
  }

  @Test
  void namedSecurityGroupsWithManagedBackendRulesBringTheBackendGroup() {
    var stack =
        NlbModelBuilder.build(
            external(
                Map.of(
                    ServiceAnnotations.SECURITY_GROUPS, "sg-1",
                    ServiceAnnotations.MANAGE_BACKEND_RULES, "true")),
            WITH_NLB_SECURITY_GROUPS);

    assertThat(stack.securityGroups()).isEmpty();
    assertThat(stack.loadBalancer().securityGroups()).containsExactly("sg-1");
    assertThat(stack.backendSecurityGroup()).isTrue();
    assertThat(stack.bindings().get(0).allowBackendSecurityGroup()).isTrue();
    assertThat(stack.bindings().get(0).allowedSources()).isEmpty();
  }

  @Test
  void nlbMadeWithoutASecurityGroupKeepsOpeningTheTargetsGroups() {
    var existing =
        NlbModelBuilder.build(external(Map.of()), CONTEXT).loadBalancer(); // no security groups

    var stack =
        NlbModelBuilder.build(
            external(Map.of()), WITH_NLB_SECURITY_GROUPS, java.util.Optional.of(existing));

    assertThat(stack.securityGroups()).isEmpty();
    assertThat(stack.bindings().get(0).allowedSources()).containsExactly("10.0.0.0/16");
  }

  @Test
  void ipv6SourceRangeWithoutDualstackIsAnErrorNamingTheField() {
    var service =
        new ServiceBuilder(external(Map.of()))
            .editSpec()
            .withLoadBalancerSourceRanges("2001:db8::/32")
            .endSpec()
            .build();

    assertThatThrownBy(() -> NlbModelBuilder.build(service, WITH_NLB_SECURITY_GROUPS))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith("spec.loadBalancerSourceRanges: ")
        .hasMessageContaining("dualstack");
  }

  @Test
  void privateAddressesGoToTheSubnetsInOrder() {
    var stack =
        NlbModelBuilder.build(
            external(Map.of(ServiceAnnotations.PRIVATE_IPV4, "10.0.128.10,10.0.144.10")), CONTEXT);

    assertThat(stack.loadBalancer().subnets())
        .extracting(SubnetMapping::privateIpv4Address)
        .containsExactly("10.0.128.10", "10.0.144.10");
  }

  @Test
  void additionalTagsGoOnEveryResourceBesideTheOperatorsOwn() {
    var stack =
        NlbModelBuilder.build(
            external(Map.of(ServiceAnnotations.TAGS, "env=prod,team=web")), CONTEXT);

    assertThat(stack.loadBalancer().tags())
        .containsEntry("env", "prod")
        .containsEntry("elbv2.k8s.aws/cluster", "prod");
    assertThat(stack.targetGroups().get(0).tags()).containsEntry("env", "prod");
    assertThat(stack.listeners().get(0).tags()).containsEntry("env", "prod");
    assertThat(stack.securityGroups()).isEmpty();
  }

  @Test
  void defaultTagsWinOverTheServicesUnlessTheirPriorityIsLowered() {
    var service = external(Map.of(ServiceAnnotations.TAGS, "team=web"));
    var lowered =
        new NlbContext(
            "prod",
            "vpc-0a1b2c3d",
            List.of("10.0.0.0/16"),
            Map.of("team", "edge"),
            Set.of(),
            SUBNETS,
            SECURITY_GROUPS,
            false,
            false,
            true);

    assertThat(NlbModelBuilder.build(service, CONTEXT).loadBalancer().tags())
        .containsEntry("team", "edge");
    assertThat(NlbModelBuilder.build(service, lowered).loadBalancer().tags())
        .containsEntry("team", "web");
  }

  @Test
  void sslPortsGetTlsListenersWithCertificatePolicyAndAlpn() {
    var service =
        new ServiceBuilder(
                external(
                    Map.of(
                        ServiceAnnotations.SSL_PORTS, "https",
                        ServiceAnnotations.SSL_CERT,
                            "arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc",
                        ServiceAnnotations.SSL_POLICY, "ELBSecurityPolicy-TLS13-1-2-2021-06",
                        ServiceAnnotations.ALPN_POLICY, "HTTP2Preferred")))
            .editSpec()
            .withPorts(port("http", 80, 8080, "TCP"), port("https", 443, 8443, "TCP"))
            .endSpec()
            .build();

    var listeners = NlbModelBuilder.build(service, CONTEXT).listeners();

    assertThat(listeners).extracting(ListenerSpec::protocol).containsExactly("TCP", "TLS");
    var tls = listeners.get(1);
    assertThat(tls.certificateArns())
        .containsExactly("arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc");
    assertThat(tls.sslPolicy()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
    assertThat(tls.alpnPolicy()).isEqualTo("HTTP2Preferred");
  }

  @Test
  void tcpAndUdpOnOnePortShareATcpUdpListenerWhenTheServiceAllowsIt() {
    var service =
        new ServiceBuilder(external(Map.of(ServiceAnnotations.ENABLE_TCP_UDP, "true")))
            .editSpec()
            .withPorts(port("dns-tcp", 53, 53, "TCP"), port("dns-udp", 53, 53, "UDP"))
            .endSpec()
            .build();

    var stack = NlbModelBuilder.build(service, CONTEXT);

    assertThat(stack.listeners())
        .singleElement()
        .extracting(ListenerSpec::protocol)
        .isEqualTo("TCP_UDP");
    assertThat(stack.targetGroups())
        .singleElement()
        .extracting(TargetGroupSpec::protocol)
        .isEqualTo("TCP_UDP");
    assertThat(stack.bindings().get(0).trafficPorts())
        .containsExactly(new OpenPort("TCP", "30053"), new OpenPort("UDP", "30053"));
    assertThat(stack.bindings().get(0).healthCheckPort()).isEqualTo(new OpenPort("TCP", "30053"));
  }

  @Test
  void ipTargetsOnANamedPortOpenThatNameAndAHealthCheckPortOfItsOwn() {
    var service =
        new ServiceBuilder(
                external(
                    Map.of(
                        ServiceAnnotations.TARGET_TYPE, "ip", ServiceAnnotations.HC_PORT, "8081")))
            .editSpec()
            .editFirstPort()
            .withTargetPort(new IntOrString("http"))
            .endPort()
            .endSpec()
            .build();

    var binding = NlbModelBuilder.build(service, CONTEXT).bindings().get(0);

    assertThat(binding.trafficPorts()).containsExactly(new OpenPort("TCP", "http"));
    assertThat(binding.healthCheckPort()).isEqualTo(new OpenPort("TCP", "8081"));
  }

  @Test
  void healthCheckAnnotationsReplaceTheDefaults() {
    var stack =
        NlbModelBuilder.build(
            external(
                Map.of(
                    ServiceAnnotations.HC_PROTOCOL, "http",
                    ServiceAnnotations.HC_PORT, "8081",
                    ServiceAnnotations.HC_PATH, "/healthz",
                    ServiceAnnotations.HC_INTERVAL, "30",
                    ServiceAnnotations.HC_TIMEOUT, "6",
                    ServiceAnnotations.HC_HEALTHY, "2",
                    ServiceAnnotations.HC_UNHEALTHY, "4",
                    ServiceAnnotations.HC_SUCCESS_CODES, "200")),
            CONTEXT);

    assertThat(stack.targetGroups().get(0).healthCheck())
        .isEqualTo(new HealthCheckSpec("HTTP", "8081", "/healthz", 30, 6, 2, 4, "200"));
  }

  @Test
  void proxyProtocolAndTargetGroupAttributesBecomeAttributes() {
    var stack =
        NlbModelBuilder.build(
            external(
                Map.of(
                    ServiceAnnotations.PROXY_PROTOCOL, "*",
                    ServiceAnnotations.TARGET_GROUP_ATTRIBUTES,
                        "deregistration_delay.timeout_seconds=30")),
            CONTEXT);

    assertThat(stack.targetGroups().get(0).attributes())
        .isEqualTo(
            Map.of(
                "proxy_protocol_v2.enabled", "true", "deregistration_delay.timeout_seconds", "30"));
  }

  @Test
  void sourceRangesFromTheSpecOpenTheTargets() {
    var service =
        new ServiceBuilder(external(Map.of()))
            .editSpec()
            .withLoadBalancerSourceRanges("203.0.113.0/24")
            .endSpec()
            .build();

    assertThat(NlbModelBuilder.build(service, CONTEXT).bindings().get(0).allowedSources())
        .containsExactly("203.0.113.0/24");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "aws-load-balancer-scheme | public | 'public' is not one of [internal, internet-facing]",
        "aws-load-balancer-nlb-target-type | pod | 'pod' is not one of [instance, ip]",
        "aws-load-balancer-ip-address-type | ipv6 | 'ipv6' is not one of [dualstack, ipv4]",
        "aws-load-balancer-attributes | idle_timeout.timeout_seconds=60 | 'idle_timeout.timeout_seconds' is not a Network Load Balancer attribute",
        "aws-load-balancer-attributes | cross_zone | 'cross_zone' is not of the form key=value",
        "aws-load-balancer-additional-resource-tags | elbv2.k8s.aws/cluster=x | tag 'elbv2.k8s.aws/cluster' is reserved",
        "aws-load-balancer-additional-resource-tags | billing=x | tag 'billing' is managed outside the operator",
        "aws-load-balancer-subnets | 1a, 2a | subnets [subnet-1a, subnet-2a] are all in availability zone zone-a",
        "aws-load-balancer-eip-allocations | eipalloc-1 | needs an internet-facing load balancer",
        "aws-load-balancer-private-ipv4-addresses | 10.0.0.1 | 1 addresses for 2 subnets; give one per subnet",
        "aws-load-balancer-ssl-ports | 443 | TLS listeners need service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
        "aws-load-balancer-alpn-policy | HTTP3 | 'HTTP3' is not one of",
        "aws-load-balancer-proxy-protocol | v2 | 'v2' is not '*'",
        "aws-load-balancer-healthcheck-protocol | grpc | 'grpc' is not one of",
        "aws-load-balancer-healthcheck-interval | 1 | '1' is out of range; allowed: 5 to 300",
        "aws-load-balancer-healthcheck-timeout | soon | 'soon' is not a number",
        "aws-load-balancer-healthcheck-port | 70000 | '70000' is out of range",
        "aws-load-balancer-internal | maybe | 'maybe' is not one of [false, true]",
        "aws-load-balancer-manage-backend-security-group-rules | yes | 'yes' is not one of [false, true]"
      })
  void badAnnotationIsAnErrorNamingIt(String annotation, String value, String problem) {
    var service = external(Map.of(ServiceAnnotations.PREFIX + annotation, value));

    assertThatThrownBy(() -> NlbModelBuilder.build(service, CONTEXT))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(ServiceAnnotations.PREFIX + annotation + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void noSubnetsFoundIsAnErrorThatSaysWhichTagsAreLookedFor() {
    var none =
        new NlbContext(
            "prod",
            "vpc-0a1b2c3d",
            List.of("10.0.0.0/16"),
            Map.of(),
            Set.of(),
            new SubnetLookup() {
              @Override
              public List<String> discover(Scheme scheme) {
                return List.of();
              }

              @Override
              public List<NamedSubnet> resolve(List<String> idsOrNames) {
                return List.of();
              }
            },
            SECURITY_GROUPS,
            false,
            false,
            false);

    assertThatThrownBy(() -> NlbModelBuilder.build(external(Map.of()), none))
        .hasMessageContaining("none found tagged kubernetes.io/role/internal-elb");
  }

  @Test
  void instanceTargetsNeedANodePort() {
    var service =
        new ServiceBuilder(external(Map.of()))
            .editSpec()
            .editFirstPort()
            .withNodePort(null)
            .endPort()
            .endSpec()
            .build();

    assertThatThrownBy(() -> NlbModelBuilder.build(service, CONTEXT))
        .hasMessageContaining("has no node port yet");
  }
}
