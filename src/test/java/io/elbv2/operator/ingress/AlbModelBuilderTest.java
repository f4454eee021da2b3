package io.elbv2.operator.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.discovery.FixedSubnets;
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
import io.elbv2.operator.model.RuleSpec;
import io.elbv2.operator.model.RuleSpec.Condition;
import io.elbv2.operator.model.SecurityGroupSpec;
import io.elbv2.operator.model.Stack;
import io.elbv2.operator.model.TargetGroupSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlbModelBuilderTest {

  private static final SubnetLookup SUBNETS = new FixedSubnets();

  static final AlbContext CONTEXT =
      new AlbContext(
          "prod", "vpc-0a1b2c3d", Map.of("team", "edge"), Set.of("billing"), SUBNETS, false, false);

  private static final Map<String, Service> SERVICES = new HashMap<>();

  static {
    SERVICES.put(
        "game-2048/service-2048", service("game-2048", "service-2048", "uid-2048", 80, 80, 30080));
    SERVICES.put("shop/web", service("shop", "web", "uid-web", 80, 8080, 30081));
    SERVICES.put("shop/api", service("shop", "api", "uid-api", 80, 9090, 30082));
    SERVICES.put("shop/admin", service("shop", "admin", "uid-admin", 80, 7070, 30083));
  }

  /**
   * The seed's 2048 game: one internet-facing ALB, HTTP:28080, 404 by default, one {@code /*} rule.
   */
  @Test
  void seed2048IngressBecomesAnInternetFacingAlbWithOneRuleToItsPods() {
    var ingress =
        ingress(
            "game-2048",
            "ingress-2048",
            Map.of(
                AlbAnnotations.SCHEME, "internet-facing",
                AlbAnnotations.TARGET_TYPE, "ip",
                AlbAnnotations.LISTEN_PORTS, "[{\"HTTP\": 28080}]"),
            rule(null, path("/", "Prefix", "service-2048", 80)));

    var stack = build(ingress);

    var id = "game-2048/ingress-2048";
    var tgId = "game-2048/ingress-2048-service-2048:80";
    var tgName = "k8s-game2048-service2-27d21b92f6";
    var tags = Map.of("team", "edge", "elbv2.k8s.aws/cluster", "prod", "ingress.k8s.aws/stack", id);
    assertThat(stack)
        .isEqualTo(
            new Stack(
                id,
                List.of(
                    new SecurityGroupSpec(
                        "ManagedLBSecurityGroup",
                        "k8s-game2048-ingress2-a06d0cd61d",
                        "[k8s] Managed SecurityGroup for LoadBalancer",
                        "vpc-0a1b2c3d",
                        List.of(new SecurityGroupSpec.Rule("tcp", 28080, 28080, "0.0.0.0/0")),
                        with(tags, "ManagedLBSecurityGroup"))),
                true,
                new LoadBalancerSpec(
                    "k8s-game2048-ingress2-2f046088fc",
                    LoadBalancerSpec.Type.APPLICATION,
                    Scheme.INTERNET_FACING,
                    IpAddressType.IPV4,
                    List.of(SubnetMapping.of("subnet-pub-a"), SubnetMapping.of("subnet-pub-b")),
                    List.of(),
                    Map.of(),
                    with(tags, "LoadBalancer")),
                List.of(
                    new ListenerSpec(
                        28080,
                        "HTTP",
                        List.of(),
                        null,
                        null,
                        List.of(new Action.FixedResponse(404, "text/plain", null)),
                        with(tags, "28080"))),
                List.of(
                    new RuleSpec(
                        28080,
                        1,
                        List.of(Condition.paths(List.of("/*"))),
                        List.of(Action.Forward.to(tgId)),
                        with(tags, "28080:1"))),
                List.of(
                    new TargetGroupSpec(
                        tgId,
                        tgName,
                        "ip",
                        "HTTP",
                        "HTTP1",
                        80,
                        "ipv4",
                        "vpc-0a1b2c3d",
                        new HealthCheckSpec("HTTP", "traffic-port", "/", 15, 5, 2, 2, "200"),
                        Map.of(),
                        with(tags, tgId))),
                List.of(
                    new BindingSpec(
                        tgName,
                        "game-2048",
                        tgId,
                        "ip",
                        "service-2048",
                        "80",
                        "ipv4",
                        List.of(),
                        true,
                        List.of(new OpenPort("TCP", "80")),
                        new OpenPort("TCP", "80"),
                        List.of(),
                        Map.of(),
                        false))));
  }

  @Test
  void aGroupOrdersRulesByMemberOrderThenPathTypeAndLength() {
    var last =
        ingress(
            "shop",
            "admin",
            Map.of(IngressGroup.NAME, "shop", IngressGroup.ORDER, "10"),
            rule("admin.example.com", path("/", "Prefix", "admin", 80)));
    var first =
        ingress(
            "shop",
            "web",
            Map.of(IngressGroup.NAME, "shop", IngressGroup.ORDER, "-1"),
            rule(
                "shop.example.com",
                path("/", "Prefix", "web", 80),
                path("/api/v2", "Prefix", "api", 80),
                path("/healthz", "Exact", "web", 80)));
    var middle =
        ingress(
            "shop",
            "api",
            Map.of(IngressGroup.NAME, "shop"),
            rule(null, path("/api", "Prefix", "api", 80)));

    var stack =
        AlbModelBuilder.build(
            IngressGroup.of("shop", List.of(last, middle, first)),
            key -> Optional.ofNullable(SERVICES.get(key)),
            CONTEXT);

    assertThat(stack.rules())
        .extracting(r -> r.priority() + " " + r.conditions())
        .containsExactly(
            "1 [Condition[field=host-header, values=[shop.example.com]], Condition[field=path-pattern, values=[/healthz]]]",
            "2 [Condition[field=host-header, values=[shop.example.com]], Condition[field=path-pattern, values=[/api/v2, /api/v2/*]]]",
            "3 [Condition[field=host-header, values=[shop.example.com]], Condition[field=path-pattern, values=[/*]]]",
            "4 [Condition[field=path-pattern, values=[/api, /api/*]]]",
            "5 [Condition[field=host-header, values=[admin.example.com]], Condition[field=path-pattern, values=[/*]]]");
    assertThat(stack.rules())
        .extracting(r -> r.actions().get(0))
        .containsExactly(
            Action.Forward.to("shop/web-web:80"),
            Action.Forward.to("shop/web-api:80"),
            Action.Forward.to("shop/web-web:80"),
            Action.Forward.to("shop/api-api:80"),
            Action.Forward.to("shop/admin-admin:80"));
    assertThat(stack.targetGroups()).hasSize(4);
    assertThat(stack.targetGroups())
        .allSatisfy(tg -> assertThat(tg.targetType()).isEqualTo("instance"));
    assertThat(stack.loadBalancer().name()).matches("k8s-shop-[0-9a-f]{10}");
    assertThat(stack.loadBalancer().tags()).containsEntry("ingress.k8s.aws/stack", "shop");
  }

  @Test
  void aDefaultBackendIsTheListenersDefaultAction() {
    var ingress =
        new IngressBuilder(ingress("shop", "web", Map.of()))
            .editSpec()
            .withNewDefaultBackend()
            .withNewService()
            .withName("web")
            .withNewPort()
            .withNumber(80)
            .endPort()
            .endService()
            .endDefaultBackend()
            .endSpec()
            .build();

    var stack = build(ingress);

    assertThat(stack.listeners())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.port()).isEqualTo(80);
              assertThat(l.defaultActions()).containsExactly(Action.Forward.to("shop/web-web:80"));
            });
    assertThat(stack.rules()).isEmpty();
  }

  @Test
  void serviceAnnotationsWinOverTheIngressForItsTargetGroup() {
    var services = new HashMap<>(SERVICES);
    services.put(
        "shop/api",
        new ServiceBuilder(SERVICES.get("shop/api"))
            .editMetadata()
            .addToAnnotations(AlbAnnotations.TARGET_TYPE, "ip")
            .addToAnnotations(AlbAnnotations.HC_PATH, "/ready")
            .endMetadata()
            .build());
    var ingress =
        ingress(
            "shop",
            "web",
            Map.of(AlbAnnotations.TARGET_TYPE, "instance", AlbAnnotations.HC_INTERVAL, "30"),
            rule(null, path("/", "Prefix", "web", 80), path("/api", "Prefix", "api", 80)));

    var groups =
        AlbModelBuilder.build(
                IngressGroup.of("shop/web", List.of(ingress)),
                key -> Optional.ofNullable(services.get(key)),
                CONTEXT)
            .targetGroups();

    assertThat(groups)
        .extracting(
            tg ->
                tg.resourceId()
                    + " "
                    + tg.targetType()
                    + " "
                    + tg.port()
                    + " "
                    + tg.healthCheck().path()
                    + " "
                    + tg.healthCheck().intervalSeconds())
        .containsExactlyInAnyOrder(
            "shop/web-web:80 instance 30081 / 30", "shop/web-api:80 ip 9090 /ready 30");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "alb.ingress.kubernetes.io/scheme | public | 'public' is not one of [internal, internet-facing]",
        "alb.ingress.kubernetes.io/target-type | pod | 'pod' is not one of [instance, ip]",
        "alb.ingress.kubernetes.io/listen-ports | 80 | is not a JSON list",
        "alb.ingress.kubernetes.io/listen-ports | [{\"TCP\": 80}] | listen protocol must be HTTP or HTTPS",
        "alb.ingress.kubernetes.io/listen-ports | [{\"HTTPS\": 443}] | HTTPS listeners need",
        "alb.ingress.kubernetes.io/listen-ports | [{\"HTTP\": 70000}] | '70000' is not a port number",
        "alb.ingress.kubernetes.io/backend-protocol | TCP | 'TCP' is not one of [HTTP, HTTPS]",
        "alb.ingress.kubernetes.io/healthcheck-interval-seconds | 1 | out of range",
        "alb.ingress.kubernetes.io/inbound-cidrs | 10.0.0.0 | '10.0.0.0' is not a CIDR block",
        "alb.ingress.kubernetes.io/inbound-cidrs | 10.0.0.300/8 | is not a CIDR block",
        "alb.ingress.kubernetes.io/inbound-cidrs | 2001:db8:::/32 | is not a CIDR block",
        "alb.ingress.kubernetes.io/tags | elbv2.k8s.aws/cluster=x | is reserved",
        "alb.ingress.kubernetes.io/tags | billing=x | managed outside the operator",
        "alb.ingress.kubernetes.io/load-balancer-name | a-name-that-is-far-too-long-for-aws | AWS allows 32",
        "alb.ingress.kubernetes.io/certificate-arn | arn:aws-cn:acm:cn-north-1:1:certificate/x | not supported by this operator",
        "alb.ingress.kubernetes.io/actions.forward | {} | not supported by this operator",
        "alb.ingress.kubernetes.io/success-codes | 600 | must be HTTP codes from 200 to 499",
        "alb.ingress.kubernetes.io/success-codes | 100-299 | must be HTTP codes from 200 to 499",
        "alb.ingress.kubernetes.io/success-codes | 299-200 | must be HTTP codes from 200 to 499",
        "alb.ingress.kubernetes.io/success-codes | 200,,201 | must be HTTP codes from 200 to 499",
        "alb.ingress.kubernetes.io/success-codes | 2xx | must be HTTP codes from 200 to 499",
        "alb.ingress.kubernetes.io/healthcheck-path | healthz | must start with /",
        "alb.ingress.kubernetes.io/load-balancer-attributes | idle_timeout.timeout_seconds | is not of the form key=value",
        "alb.ingress.kubernetes.io/load-balancer-attributes | a=1,,b=2 | is not of the form key=value",
        "alb.ingress.kubernetes.io/target-group-attributes | =60 | is not of the form key=value",
        "alb.ingress.kubernetes.io/target-group-attributes | slow_start.duration_seconds=30, x | is not of the form key=value",
        "alb.ingress.kubernetes.io/subnets | 1a, 2a | subnets [subnet-1a, subnet-2a] are all in availability zone zone-a",
        "alb.ingress.kubernetes.io/subnets | a | needs subnets in at least two zones; found 1"
      })
  void badAnnotationIsAnErrorNamingIt(String annotation, String value, String problem) {
    var ingress =
        ingress(
            "shop", "web", Map.of(annotation, value), rule(null, path("/", "Prefix", "web", 80)));

    assertThatThrownBy(() -> build(ingress))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(annotation + ": ")
        .hasMessageContaining(problem);
  }

  /** As the Go controller merges them: per listen port, among the members listening there. */
  @Test
  void inboundCidrsOpenOnlyTheirOwnMembersPortsAndIpv6OnlyOnADualstackAlb() {
    var restricted =
        ingress(
            "shop",
            "restricted",
            Map.of(
                IngressGroup.NAME, "g",
                AlbAnnotations.LISTEN_PORTS, "[{\"HTTP\": 8080}]",
                AlbAnnotations.INBOUND_CIDRS, "10.0.0.0/8, 2001:db8::/32"),
            rule(null, path("/a", "Prefix", "web", 80)));
    var open =
        ingress(
            "shop",
            "open",
            Map.of(IngressGroup.NAME, "g"),
            rule(null, path("/b", "Prefix", "web", 80)));

    var stack = buildGroup("g", restricted, open);

    assertThat(stack.securityGroups().get(0).ingress())
        .extracting(r -> r.fromPort() + " " + r.cidr())
        .containsExactlyInAnyOrder("80 0.0.0.0/0", "8080 10.0.0.0/8");
  }

  @Test
  void membersThatAskForDifferentRangesOnOnePortAreRefused() {
    var a =
        ingress(
            "shop",
            "a",
            Map.of(IngressGroup.NAME, "g", AlbAnnotations.INBOUND_CIDRS, "10.0.0.0/8"),
            rule(null, path("/a", "Prefix", "web", 80)));
    var b =
        ingress(
            "shop",
            "b",
            Map.of(IngressGroup.NAME, "g", AlbAnnotations.INBOUND_CIDRS, "192.168.0.0/16"),
            rule(null, path("/b", "Prefix", "web", 80)));

    assertThatThrownBy(() -> buildGroup("g", a, b))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(AlbAnnotations.INBOUND_CIDRS + ": ")
        .hasMessageContaining(
            "conflicting ranges for port 80: shop/a asks for [10.0.0.0/8], shop/b for [192.168.0.0/16]");
  }

  @Test
  void membersThatDisagreeOnTheSchemeAreRefused() {
    var a =
        ingress(
            "shop",
            "a",
            Map.of(IngressGroup.NAME, "g", AlbAnnotations.SCHEME, "internal"),
            rule(null, path("/a", "Prefix", "web", 80)));
    var b =
        ingress(
            "shop",
            "b",
            Map.of(IngressGroup.NAME, "g", AlbAnnotations.SCHEME, "internet-facing"),
            rule(null, path("/b", "Prefix", "web", 80)));

    assertThatThrownBy(
            () ->
                AlbModelBuilder.build(
                    IngressGroup.of("g", List.of(a, b)),
                    key -> Optional.ofNullable(SERVICES.get(key)),
                    CONTEXT))
        .hasMessageStartingWith(AlbAnnotations.SCHEME + ": ")
        .hasMessageContaining("both 'internal' and 'internet-facing'");
  }

  /** The Go controller's default, {@code --tolerate-non-existent-backend-service=true}. */
  @Test
  void aPathToAServiceThatDoesNotExistAnswers503AndTheOtherPathsAreServed() {
    var ingress =
        ingress(
            "shop",
            "web",
            Map.of(),
            rule(null, path("/gone", "Prefix", "gone", 80), path("/", "Prefix", "web", 80)));

    var stack = build(ingress);

    assertThat(stack.rules()).hasSize(2);
    assertThat(stack.rules().get(0).actions())
        .containsExactly(
            new Action.FixedResponse(503, "text/plain", "Backend service does not exist"));
    assertThat(stack.rules().get(1).actions())
        .containsExactly(Action.Forward.to("shop/web-web:80"));
    assertThat(stack.targetGroups()).hasSize(1);
  }

  @Test
  void moreRulesThanAnAlbHoldsAreRefusedBeforeAnythingIsMade() {
    var paths = new java.util.ArrayList<HTTPIngressPath>();
    for (int i = 0; i < 101; i++) {
      paths.add(path("/p" + i, "Exact", "web", 80));
    }
    var ingress =
        ingress("shop", "web", Map.of(), rule(null, paths.toArray(HTTPIngressPath[]::new)));

    assertThatThrownBy(() -> build(ingress))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageContaining("101 listener rules; an ALB has at most 100");
  }

  /** The test cluster's Service of a {@code <namespace>/<name>}. */
  static Optional<Service> serviceOf(String key) {
    return Optional.ofNullable(SERVICES.get(key));
  }

  private static Stack buildGroup(String id, Ingress... members) {
    return AlbModelBuilder.build(
        IngressGroup.of(id, List.of(members)), AlbModelBuilderTest::serviceOf, CONTEXT);
  }

  private static Stack build(Ingress ingress) {
    return AlbModelBuilder.build(
        IngressGroup.of(IngressGroup.idOf(ingress), List.of(ingress)),
        key -> Optional.ofNullable(SERVICES.get(key)),
        CONTEXT);
  }

  private static Map<String, String> with(Map<String, String> tags, String resource) {
    var copy = new LinkedHashMap<>(tags);
    copy.put("ingress.k8s.aws/resource", resource);
    return copy;
  }

  static Ingress ingress(
      String namespace, String name, Map<String, String> annotations, IngressRule... rules) {
    return new IngressBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withAnnotations(new HashMap<>(annotations))
        .endMetadata()
        .withNewSpec()
        .withRules(rules)
        .endSpec()
        .build();
  }

  static IngressRule rule(String host, HTTPIngressPath... paths) {
    return new IngressRuleBuilder().withHost(host).withNewHttp().withPaths(paths).endHttp().build();
  }

  static HTTPIngressPath path(String path, String type, String service, int port) {
    return new HTTPIngressPathBuilder()
        .withPath(path)
        .withPathType(type)
        .withNewBackend()
        .withNewService()
        .withName(service)
        .withNewPort()
        .withNumber(port)
        .endPort()
        .endService()
        .endBackend()
        .build();
  }

  private static Service service(
      String namespace, String name, String uid, int port, int targetPort, int nodePort) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withUid(uid)
        .endMetadata()
        .withNewSpec()
        .withType("NodePort")
        .addNewPort()
        .withPort(port)
        .withTargetPort(new IntOrString(targetPort))
        .withNodePort(nodePort)
        .endPort()
        .endSpec()
        .build();
  }
}
