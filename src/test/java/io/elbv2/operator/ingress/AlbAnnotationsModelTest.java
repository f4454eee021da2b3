package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.BACKEND_PROTOCOL;
import static io.elbv2.operator.ingress.AlbAnnotations.BACKEND_PROTOCOL_VERSION;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_HEALTHY;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_INTERVAL;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_PATH;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_PORT;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_PROTOCOL;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_TIMEOUT;
import static io.elbv2.operator.ingress.AlbAnnotations.HC_UNHEALTHY;
import static io.elbv2.operator.ingress.AlbAnnotations.INBOUND_CIDRS;
import static io.elbv2.operator.ingress.AlbAnnotations.IP_ADDRESS_TYPE;
import static io.elbv2.operator.ingress.AlbAnnotations.LISTEN_PORTS;
import static io.elbv2.operator.ingress.AlbAnnotations.LOAD_BALANCER_ATTRIBUTES;
import static io.elbv2.operator.ingress.AlbAnnotations.LOAD_BALANCER_NAME;
import static io.elbv2.operator.ingress.AlbAnnotations.SCHEME;
import static io.elbv2.operator.ingress.AlbAnnotations.SUBNETS;
import static io.elbv2.operator.ingress.AlbAnnotations.SUCCESS_CODES;
import static io.elbv2.operator.ingress.AlbAnnotations.TAGS;
import static io.elbv2.operator.ingress.AlbAnnotations.TARGET_GROUP_ATTRIBUTES;
import static io.elbv2.operator.ingress.AlbAnnotations.TARGET_TYPE;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.CONTEXT;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.ingress;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.path;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.Condition;
import io.elbv2.operator.model.HealthCheckSpec;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.LoadBalancerSpec.SubnetMapping;
import io.elbv2.operator.model.RuleSpec;
import io.elbv2.operator.model.SecurityGroupSpec.Rule;
import io.elbv2.operator.model.Stack;
import io.elbv2.operator.model.TargetGroupSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per annotation: the Ingress {@code shop/web} (path {@code /} to Service {@code web},
 * port 80, target port 8080, node port 30081) with the annotations, and the part of the model they
 * shape, in full. The defaults are the Go controller's for ALBs; load balancer names are computed
 * with its formula.
 */
class AlbAnnotationsModelTest {

  private static final String INTERNAL_NAME = "k8s-shop-web-ffb4a5f1ff";
  private static final String INTERNET_FACING_NAME = "k8s-shop-web-0c9cb52896";
  private static final List<SubnetMapping> PRIVATE =
      List.of(SubnetMapping.of("subnet-priv-a"), SubnetMapping.of("subnet-priv-b"));
  private static final HealthCheckSpec DEFAULT_HEALTH_CHECK =
      new HealthCheckSpec("HTTP", "traffic-port", "/", 15, 5, 2, 2, "200");

  /** What a case expects of the model: a part of the stack, compared whole. */
  record Case(
      String name, Map<String, String> annotations, Function<Stack, Object> part, Object expected) {

    @Override
    public String toString() {
      return name;
    }
  }

  /** The target group settings annotations shape; its name and tags are tested elsewhere. */
  record TargetGroupPart(
      String targetType,
      String protocol,
      String protocolVersion,
      int port,
      HealthCheckSpec healthCheck,
      Map<String, String> attributes) {

    static TargetGroupPart of(Stack stack) {
      TargetGroupSpec tg = stack.targetGroups().get(0);
      return new TargetGroupPart(
          tg.targetType(),
          tg.protocol(),
          tg.protocolVersion(),
          tg.port(),
          tg.healthCheck(),
          tg.attributes());
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "no annotation: an internal IPv4 ALB in the discovered private subnets",
            Map.of(),
            Stack::loadBalancer,
            loadBalancer(INTERNAL_NAME, Scheme.INTERNAL, IpAddressType.IPV4, PRIVATE, Map.of())),
        new Case(
            "scheme internet-facing: the public subnets, and the scheme in the name",
            Map.of(SCHEME, "internet-facing"),
            Stack::loadBalancer,
            loadBalancer(
                INTERNET_FACING_NAME,
                Scheme.INTERNET_FACING,
                IpAddressType.IPV4,
                List.of(SubnetMapping.of("subnet-pub-a"), SubnetMapping.of("subnet-pub-b")),
                Map.of())),
        new Case(
            "ip-address-type dualstack",
            Map.of(IP_ADDRESS_TYPE, "dualstack"),
            Stack::loadBalancer,
            loadBalancer(
                INTERNAL_NAME, Scheme.INTERNAL, IpAddressType.DUALSTACK, PRIVATE, Map.of())),
        new Case(
            "ip-address-type ipv4: open to 0.0.0.0/0 only",
            Map.of(),
            AlbAnnotationsModelTest::openings,
            List.of(new Rule("tcp", 80, 80, "0.0.0.0/0"))),
        new Case(
            "ip-address-type dualstack: open to 0.0.0.0/0 and ::/0",
            Map.of(IP_ADDRESS_TYPE, "dualstack"),
            AlbAnnotationsModelTest::openings,
            List.of(new Rule("tcp", 80, 80, "0.0.0.0/0"), new Rule("tcp", 80, 80, "::/0"))),
        new Case(
            "dualstack with inbound-cidrs ::/0 and an IPv4 range",
            Map.of(IP_ADDRESS_TYPE, "dualstack", INBOUND_CIDRS, "::/0, 10.0.0.0/8"),
            AlbAnnotationsModelTest::openings,
            List.of(new Rule("tcp", 80, 80, "10.0.0.0/8"), new Rule("tcp", 80, 80, "::/0"))),
        new Case(
            "ipv4 with inbound-cidrs ::/0: IPv6 ranges left out",
            Map.of(INBOUND_CIDRS, "::/0, 10.0.0.0/8"),
            AlbAnnotationsModelTest::openings,
            List.of(new Rule("tcp", 80, 80, "10.0.0.0/8"))),
        new Case(
            "subnets by name and id, in the order given",
            Map.of(SUBNETS, "b, subnet-a"),
            Stack::loadBalancer,
            loadBalancer(
                INTERNAL_NAME,
                Scheme.INTERNAL,
                IpAddressType.IPV4,
                List.of(SubnetMapping.of("subnet-b"), SubnetMapping.of("subnet-a")),
                Map.of())),
        new Case(
            "load-balancer-name",
            Map.of(LOAD_BALANCER_NAME, "shop-frontend"),
            Stack::loadBalancer,
            loadBalancer("shop-frontend", Scheme.INTERNAL, IpAddressType.IPV4, PRIVATE, Map.of())),
        new Case(
            "load-balancer-attributes",
            Map.of(
                LOAD_BALANCER_ATTRIBUTES,
                "idle_timeout.timeout_seconds=120, routing.http2.enabled=false"),
            Stack::loadBalancer,
            loadBalancer(
                INTERNAL_NAME,
                Scheme.INTERNAL,
                IpAddressType.IPV4,
                PRIVATE,
                Map.of("idle_timeout.timeout_seconds", "120", "routing.http2.enabled", "false"))),
        new Case(
            "tags on every object; the default tags win over them",
            Map.of(TAGS, "owner=shop, team=web"),
            stack -> stack.loadBalancer().tags(),
            tags("LoadBalancer", Map.of("owner", "shop"))),
        new Case(
            "tags on the target groups",
            Map.of(TAGS, "owner=shop"),
            stack -> stack.targetGroups().get(0).tags(),
            tags("shop/web-web:80", Map.of("owner", "shop"))),
        new Case(
            "listen-ports with several ports: a listener each",
            Map.of(LISTEN_PORTS, "[{\"HTTP\": 8080}, {\"HTTP\": 80}]"),
            Stack::listeners,
            List.of(listener(80), listener(8080))),
        new Case(
            "listen-ports with several ports: the rules on each listener",
            Map.of(LISTEN_PORTS, "[{\"HTTP\": 8080}, {\"HTTP\": 80}]"),
            Stack::rules,
            List.of(forwardAll(80), forwardAll(8080))),
        new Case(
            "listen-ports with several ports: the managed group opens each",
            Map.of(LISTEN_PORTS, "[{\"HTTP\": 8080}, {\"HTTP\": 80}]"),
            AlbAnnotationsModelTest::openings,
            List.of(
                new Rule("tcp", 80, 80, "0.0.0.0/0"), new Rule("tcp", 8080, 8080, "0.0.0.0/0"))),
        new Case(
            "no target-type: instance targets on the node port",
            Map.of(),
            TargetGroupPart::of,
            new TargetGroupPart(
                "instance", "HTTP", "HTTP1", 30081, DEFAULT_HEALTH_CHECK, Map.of())),
        new Case(
            "target-type ip: the pods' target port",
            Map.of(TARGET_TYPE, "ip"),
            TargetGroupPart::of,
            new TargetGroupPart("ip", "HTTP", "HTTP1", 8080, DEFAULT_HEALTH_CHECK, Map.of())),
        new Case(
            "backend-protocol HTTPS, checked over HTTPS too",
            Map.of(BACKEND_PROTOCOL, "HTTPS"),
            TargetGroupPart::of,
            new TargetGroupPart(
                "instance",
                "HTTPS",
                "HTTP1",
                30081,
                new HealthCheckSpec("HTTPS", "traffic-port", "/", 15, 5, 2, 2, "200"),
                Map.of())),
        new Case(
            "backend-protocol-version HTTP2",
            Map.of(BACKEND_PROTOCOL_VERSION, "HTTP2"),
            TargetGroupPart::of,
            new TargetGroupPart(
                "instance", "HTTP", "HTTP2", 30081, DEFAULT_HEALTH_CHECK, Map.of())),
        new Case(
            "backend-protocol-version GRPC: gRPC code 12 on /AWS.ALB/healthcheck",
            Map.of(BACKEND_PROTOCOL_VERSION, "GRPC"),
            TargetGroupPart::of,
            new TargetGroupPart(
                "instance",
                "HTTP",
                "GRPC",
                30081,
                new HealthCheckSpec(
                    "HTTP", "traffic-port", "/AWS.ALB/healthcheck", 15, 5, 2, 2, "12"),
                Map.of())),
        new Case(
            "success-codes as a range",
            Map.of(SUCCESS_CODES, "200-299"),
            stack -> stack.targetGroups().get(0).healthCheck().successCodes(),
            "200-299"),
        new Case(
            "success-codes as a list",
            Map.of(SUCCESS_CODES, "200,201,302"),
            stack -> stack.targetGroups().get(0).healthCheck().successCodes(),
            "200,201,302"),
        new Case(
            "success-codes of a GRPC backend",
            Map.of(BACKEND_PROTOCOL_VERSION, "GRPC", SUCCESS_CODES, "0-99"),
            stack -> stack.targetGroups().get(0).healthCheck().successCodes(),
            "0-99"),
        new Case(
            "every healthcheck annotation",
            Map.of(
                HC_PROTOCOL, "HTTPS",
                HC_PORT, "8443",
                HC_PATH, "/healthz",
                HC_INTERVAL, "30",
                HC_TIMEOUT, "10",
                HC_HEALTHY, "3",
                HC_UNHEALTHY, "4",
                SUCCESS_CODES, "200-399"),
            stack -> stack.targetGroups().get(0).healthCheck(),
            new HealthCheckSpec("HTTPS", "8443", "/healthz", 30, 10, 3, 4, "200-399")),
        new Case(
            "healthcheck-port traffic-port",
            Map.of(HC_PORT, "traffic-port"),
            stack -> stack.targetGroups().get(0).healthCheck(),
            DEFAULT_HEALTH_CHECK),
        new Case(
            "target-group-attributes",
            Map.of(
                TARGET_GROUP_ATTRIBUTES,
                "deregistration_delay.timeout_seconds=30,stickiness.enabled=true"),
            TargetGroupPart::of,
            new TargetGroupPart(
                "instance",
                "HTTP",
                "HTTP1",
                30081,
                DEFAULT_HEALTH_CHECK,
                Map.of(
                    "deregistration_delay.timeout_seconds", "30", "stickiness.enabled", "true"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachAnnotationShapesItsPartOfTheModel(Case c) {
    var ingress =
        ingress("shop", "web", c.annotations(), rule(null, path("/", "Prefix", "web", 80)));

    var stack =
        AlbModelBuilder.build(
            IngressGroup.of("shop/web", List.of(ingress)), AlbModelBuilderTest::serviceOf, CONTEXT);

    assertThat(c.part().apply(stack)).isEqualTo(c.expected());
  }

  private static List<Rule> openings(Stack stack) {
    return stack.securityGroups().get(0).ingress();
  }

  private static LoadBalancerSpec loadBalancer(
      String name,
      Scheme scheme,
      IpAddressType ipAddressType,
      List<SubnetMapping> subnets,
      Map<String, String> attributes) {
    return new LoadBalancerSpec(
        name,
        LoadBalancerSpec.Type.APPLICATION,
        scheme,
        ipAddressType,
        subnets,
        List.of(),
        attributes,
        tags("LoadBalancer", Map.of()));
  }

  private static ListenerSpec listener(int port) {
    return new ListenerSpec(
        port,
        "HTTP",
        List.of(),
        null,
        null,
        List.of(new Action.FixedResponse(404, "text/plain", null)),
        tags(Integer.toString(port), Map.of()));
  }

  private static RuleSpec forwardAll(int port) {
    return new RuleSpec(
        port,
        1,
        List.of(Condition.paths(List.of("/*"))),
        List.of(Action.Forward.to("shop/web-web:80")),
        tags(port + ":1", Map.of()));
  }

  /** The context's default tag {@code team=edge}, the annotated ones and the ownership tags. */
  private static Map<String, String> tags(String resource, Map<String, String> annotated) {
    var tags = new LinkedHashMap<>(annotated);
    tags.put("team", "edge");
    tags.put("elbv2.k8s.aws/cluster", "prod");
    tags.put("ingress.k8s.aws/stack", "shop/web");
    tags.put("ingress.k8s.aws/resource", resource);
    return tags;
  }
}
