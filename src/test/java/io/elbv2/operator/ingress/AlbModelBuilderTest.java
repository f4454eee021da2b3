package io.elbv2.operator.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.discovery.FixedCertificates;
import io.elbv2.operator.discovery.FixedSubnets;
import io.elbv2.operator.discovery.FixedTargetGroups;
import io.elbv2.operator.discovery.SubnetLookup;
import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.BindingSpec;
import io.elbv2.operator.model.BindingSpec.OpenPort;
import io.elbv2.operator.model.Condition;
import io.elbv2.operator.model.HealthCheckSpec;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.LoadBalancerSpec.SubnetMapping;
import io.elbv2.operator.model.RuleSpec;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AlbModelBuilderTest {

  private static final SubnetLookup SUBNETS = new FixedSubnets();

  static final AlbContext CONTEXT =
      new AlbContext(
          "prod",
          "vpc-0a1b2c3d",
          Map.of("team", "edge"),
          Set.of("billing"),
          SUBNETS,
          false,
          false,
          FixedCertificates.NONE,
          FixedCertificates.NONE,
          FixedTargetGroups.NONE);

  private static final Map<String, Service> SERVICES = new HashMap<>();

  static {
    SERVICES.put(
        "game-2048/service-2048", service("game-2048", "service-2048", "uid-2048", 80, 80, 30080));
    SERVICES.put("shop/web", service("shop", "web", "uid-web", 80, 8080, 30081));
    SERVICES.put("shop/api", service("shop", "api", "uid-api", 80, 9090, 30082));
    SERVICES.put("shop/admin", service("shop", "admin", "uid-admin", 80, 7070, 30083));
    SERVICES.put(
        "shop/plain",
        new ServiceBuilder(service("shop", "plain", "uid-plain", 80, 8080, 0))
            .editSpec()
            .withType("ClusterIP")
            .editFirstPort()
            .withNodePort(null)
            .endPort()
            .endSpec()
            .build());
    for (int i = 0; i <= 100; i++) {
      SERVICES.put("shop/svc-" + i, service("shop", "svc-" + i, "uid-" + i, 80, 8080, 31000 + i));
    }
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
            "1 [HostHeader[values=[shop.example.com]], PathPattern[values=[/healthz]]]",
            "2 [HostHeader[values=[shop.example.com]], PathPattern[values=[/api/v2, /api/v2/*]]]",
            "3 [HostHeader[values=[shop.example.com]], PathPattern[values=[/*]]]",
            "4 [PathPattern[values=[/api, /api/*]]]",
            "5 [HostHeader[values=[admin.example.com]], PathPattern[values=[/*]]]");
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
        "alb.ingress.kubernetes.io/listen-ports | 80 | failed to parse listen-ports configuration",
        "alb.ingress.kubernetes.io/listen-ports | [{\"TCP\": 80}] | listen protocol must be within [HTTP, HTTPS]: TCP",
        "alb.ingress.kubernetes.io/listen-ports | [{\"HTTP\": 70000}] | listen port must be within [1, 65535]: 70000",
        "alb.ingress.kubernetes.io/backend-protocol | TCP | 'TCP' is not one of [HTTP, HTTPS]",
        "alb.ingress.kubernetes.io/healthcheck-interval-seconds | 1 | out of range",
        "alb.ingress.kubernetes.io/inbound-cidrs | 10.0.0.0 | '10.0.0.0' is not a CIDR block",
        "alb.ingress.kubernetes.io/inbound-cidrs | 10.0.0.300/8 | is not a CIDR block",
        "alb.ingress.kubernetes.io/inbound-cidrs | 2001:db8:::/32 | is not a CIDR block",
        "alb.ingress.kubernetes.io/tags | elbv2.k8s.aws/cluster=x | is reserved",
        "alb.ingress.kubernetes.io/tags | billing=x | managed outside the operator",
        "alb.ingress.kubernetes.io/load-balancer-name | a-name-that-is-far-too-long-for-aws | AWS allows 32",
        "alb.ingress.kubernetes.io/certificate-arn | certificate/x | 'certificate/x' is not a certificate ARN",
        "alb.ingress.kubernetes.io/ssl-redirect | 443 | listener does not exist for SSLRedirect port: 443",
        "alb.ingress.kubernetes.io/ssl-redirect | https | 'https' is not a number",
        "alb.ingress.kubernetes.io/conditions.web | [] | not supported by this operator",
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

  /** An error that takes more than one annotation, member or Service, and what names it. */
  record ErrorCase(
      String name, List<Ingress> members, AlbContext context, String field, String problem) {

    ErrorCase(String name, List<Ingress> members, String field, String problem) {
      this(name, members, CONTEXT, field, problem);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ErrorCase> errors() {
    var manyPaths = new ArrayList<HTTPIngressPath>();
    for (int i = 0; i < 101; i++) {
      manyPaths.add(path("/p" + i, "Exact", "web", 80));
    }
    var manyServices = new ArrayList<HTTPIngressPath>();
    for (int i = 0; i < 100; i++) {
      manyServices.add(path("/p" + i, "Exact", "svc-" + i, 80));
    }
    return Stream.of(
        new ErrorCase(
            "more listener rules than an ALB holds",
            List.of(ingress("shop", "web", Map.of(), rule(null, toArray(manyPaths)))),
            "spec.rules",
            "the group needs 101 listener rules; an ALB has at most 100"),
        new ErrorCase(
            "more target groups than an ALB holds: 100 rules and a default backend",
            List.of(
                withDefaultBackend(
                    ingress("shop", "web", Map.of(), rule(null, toArray(manyServices))),
                    "svc-100")),
            "spec.rules",
            "the group needs 101 target groups; an ALB has at most 100"),
        new ErrorCase(
            "two members with a default backend on one port",
            List.of(
                withDefaultBackend(member("a", Map.of()), "web"),
                withDefaultBackend(member("b", Map.of()), "api")),
            "spec.defaultBackend",
            "more than one Ingress of the group has one: [shop/a, shop/b]"),
        new ErrorCase(
            "explicit subnets in one availability zone",
            List.of(member("a", Map.of(AlbAnnotations.SUBNETS, "subnet-1a, subnet-2a"))),
            AlbAnnotations.SUBNETS,
            "subnets [subnet-1a, subnet-2a] are all in availability zone zone-a"),
        new ErrorCase(
            "one explicit subnet without ALBSingleSubnet",
            List.of(member("a", Map.of(AlbAnnotations.SUBNETS, "subnet-a"))),
            AlbAnnotations.SUBNETS,
            "needs subnets in at least two zones; found 1"),
        new ErrorCase(
            "no subnet discovered, even with ALBSingleSubnet",
            List.of(member("a", Map.of())),
            new AlbContext(
                "prod",
                "vpc-0a1b2c3d",
                Map.of(),
                Set.of(),
                new NoSubnets(),
                false,
                true,
                FixedCertificates.NONE,
                FixedCertificates.NONE,
                FixedTargetGroups.NONE),
            AlbAnnotations.SUBNETS,
            "needs subnets in at least one zone; found 0 tagged kubernetes.io/role/internal-elb"),
        new ErrorCase(
            "instance targets on a Service without a node port",
            List.of(ingress("shop", "web", Map.of(), rule(null, path("/", "Prefix", "plain", 80)))),
            AlbAnnotations.TARGET_TYPE,
            "port 80 of the Service has no node port, which instance targets need"),
        new ErrorCase(
            "a backend port the Service does not have",
            List.of(ingress("shop", "web", Map.of(), rule(null, path("/", "Prefix", "web", 81)))),
            "spec.rules[].http.paths[].backend.service.port",
            "Service web has no port 81"),
        new ErrorCase(
            "a gRPC success code above 99",
            List.of(
                member(
                    "a",
                    Map.of(
                        AlbAnnotations.BACKEND_PROTOCOL_VERSION, "GRPC",
                        AlbAnnotations.SUCCESS_CODES, "200"))),
            AlbAnnotations.SUCCESS_CODES,
            "'200' must be gRPC codes from 0 to 99"),
        new ErrorCase(
            "members that disagree on the scheme",
            List.of(
                member("a", Map.of(AlbAnnotations.SCHEME, "internal")),
                member("b", Map.of(AlbAnnotations.SCHEME, "internet-facing"))),
            AlbAnnotations.SCHEME,
            "the group's Ingresses ask for both 'internal' and 'internet-facing'"),
        new ErrorCase(
            "members that disagree on the address type",
            List.of(
                member("a", Map.of(AlbAnnotations.IP_ADDRESS_TYPE, "dualstack")),
                member("b", Map.of(AlbAnnotations.IP_ADDRESS_TYPE, "ipv4"))),
            AlbAnnotations.IP_ADDRESS_TYPE,
            "the group's Ingresses ask for both 'dualstack' and 'ipv4'"),
        new ErrorCase(
            "members that ask for different ranges on one port",
            List.of(
                member("a", Map.of(AlbAnnotations.INBOUND_CIDRS, "10.0.0.0/8")),
                member("b", Map.of(AlbAnnotations.INBOUND_CIDRS, "192.168.0.0/16"))),
            AlbAnnotations.INBOUND_CIDRS,
            "conflicting ranges for port 80: shop/a asks for [10.0.0.0/8], shop/b for"
                + " [192.168.0.0/16]"),
        new ErrorCase(
            "members that ask for different names",
            List.of(
                member("a", Map.of(AlbAnnotations.LOAD_BALANCER_NAME, "one")),
                member("b", Map.of(AlbAnnotations.LOAD_BALANCER_NAME, "two"))),
            AlbAnnotations.LOAD_BALANCER_NAME,
            "the group's Ingresses ask for several names: [one, two]"),
        new ErrorCase(
            "members that ask for different subnets",
            List.of(
                member("a", Map.of(AlbAnnotations.SUBNETS, "a, b")),
                member("b", Map.of(AlbAnnotations.SUBNETS, "a, c"))),
            AlbAnnotations.SUBNETS,
            "the group's Ingresses ask for different subnets"),
        new ErrorCase(
            "members that set an attribute to different values",
            List.of(
                member("a", Map.of(AlbAnnotations.LOAD_BALANCER_ATTRIBUTES, "x.enabled=true")),
                member("b", Map.of(AlbAnnotations.LOAD_BALANCER_ATTRIBUTES, "x.enabled=false"))),
            AlbAnnotations.LOAD_BALANCER_ATTRIBUTES,
            "the group's Ingresses set 'x.enabled' to both 'true' and 'false'"),
        new ErrorCase(
            "members that give a tag different values",
            List.of(
                member("a", Map.of(AlbAnnotations.TAGS, "owner=a")),
                member("b", Map.of(AlbAnnotations.TAGS, "owner=b"))),
            AlbAnnotations.TAGS,
            "the group's Ingresses give tag 'owner' both 'a' and 'b'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void aGroupThatCannotBeBuiltIsAnErrorNamingTheCause(ErrorCase c) {
    var group = IngressGroup.of(IngressGroup.idOf(c.members().get(0)), c.members());

    assertThatThrownBy(
            () -> AlbModelBuilder.build(group, AlbModelBuilderTest::serviceOf, c.context()))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(c.field() + ": ")
        .hasMessageContaining(c.problem());
  }

  @Test
  void oneExplicitSubnetIsEnoughWithAlbSingleSubnet() {
    var context =
        new AlbContext(
            "prod",
            "vpc-0a1b2c3d",
            Map.of(),
            Set.of(),
            new FixedSubnets(),
            false,
            true,
            FixedCertificates.NONE,
            FixedCertificates.NONE,
            FixedTargetGroups.NONE);
    var ingress = member("a", Map.of(AlbAnnotations.SUBNETS, "subnet-a"));

    var stack =
        AlbModelBuilder.build(
            IngressGroup.of("g", List.of(ingress)), AlbModelBuilderTest::serviceOf, context);

    assertThat(stack.loadBalancer().subnets()).containsExactly(SubnetMapping.of("subnet-a"));
  }

  /** A member of group {@code g} with a path {@code /<name>} to Service {@code web}. */
  private static Ingress member(String name, Map<String, String> annotations) {
    var withGroup = new HashMap<>(annotations);
    withGroup.put(IngressGroup.NAME, "g");
    return ingress("shop", name, withGroup, rule(null, path("/" + name, "Prefix", "web", 80)));
  }

  private static Ingress withDefaultBackend(Ingress ingress, String service) {
    return new IngressBuilder(ingress)
        .editSpec()
        .withNewDefaultBackend()
        .withNewService()
        .withName(service)
        .withNewPort()
        .withNumber(80)
        .endPort()
        .endService()
        .endDefaultBackend()
        .endSpec()
        .build();
  }

  private static HTTPIngressPath[] toArray(List<HTTPIngressPath> paths) {
    return paths.toArray(HTTPIngressPath[]::new);
  }

  private static final class NoSubnets implements SubnetLookup {

    @Override
    public List<String> discover(Scheme scheme) {
      return List.of();
    }

    @Override
    public List<NamedSubnet> resolve(List<String> idsOrNames) {
      return List.of();
    }
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
