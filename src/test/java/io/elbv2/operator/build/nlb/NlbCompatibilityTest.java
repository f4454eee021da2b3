package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.NlbFixtures.CONTEXT;
import static io.elbv2.operator.build.nlb.NlbFixtures.WITH_NLB_SECURITY_GROUPS;
import static io.elbv2.operator.build.nlb.NlbFixtures.external;
import static io.elbv2.operator.build.nlb.NlbFixtures.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.model.BindingSpec.OpenPort;
import io.elbv2.operator.model.HealthCheckSpec;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.TargetGroupSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Services that must get what the AWS Load Balancer Controller makes of them. */
class NlbCompatibilityTest {

  private static final String CERT = "arn:aws-cn:acm:cn-north-1:123456789012:certificate/abc";
  private static final String UID = "5f2c1a9e-0000-4000-8000-000000000001";

  @Test
  void certificateWithoutSslPortsMakesEveryTcpPortTlsWithTheAlpnPolicy() {
    var service =
        withPorts(
            external(
                Map.of(
                    ServiceAnnotations.SSL_CERT,
                    CERT,
                    ServiceAnnotations.ALPN_POLICY,
                    "HTTP2Preferred")),
            port("http", 80, 8080, "TCP"),
            port("https", 443, 8443, "TCP"),
            port("dns", 53, 53, "UDP"));

    var listeners = NlbModelBuilder.build(service, CONTEXT).listeners();

    assertThat(listeners).extracting(ListenerSpec::protocol).containsExactly("TLS", "TLS", "UDP");
    assertThat(listeners.subList(0, 2))
        .allSatisfy(
            listener -> {
              assertThat(listener.certificateArns()).containsExactly(CERT);
              assertThat(listener.alpnPolicy()).isEqualTo("HTTP2Preferred");
              assertThat(listener.sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
            });
    assertThat(listeners.get(2).certificateArns()).isEmpty();
  }

  /** The Go controller's docs: {@code *} does not match any port. */
  @ParameterizedTest(name = "ssl-ports={0}")
  @ValueSource(strings = {"8443", "*"})
  void sslPortsNamingAPortTheServiceDoesNotHaveIsRefused(String sslPorts) {
    var service =
        external(Map.of(ServiceAnnotations.SSL_CERT, CERT, ServiceAnnotations.SSL_PORTS, sslPorts));

    assertThatThrownBy(() -> NlbModelBuilder.build(service, CONTEXT))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(ServiceAnnotations.SSL_PORTS + ": ")
        .hasMessageContaining(
            "'" + sslPorts + "' is not the number or name of a port of this Service");
  }

  @Test
  void backendProtocolSslMakesTheTargetGroupsOfTlsListenersTls() {
    var service =
        external(
            Map.of(ServiceAnnotations.SSL_CERT, CERT, ServiceAnnotations.BACKEND_PROTOCOL, "ssl"));

    var stack = NlbModelBuilder.build(service, CONTEXT);

    assertThat(stack.listeners().get(0).protocol()).isEqualTo("TLS");
    assertThat(stack.targetGroups().get(0).protocol()).isEqualTo("TLS");
  }

  @Test
  void localTrafficPolicyWithInstanceTargetsChecksHealthzOnTheHealthCheckNodePort() {
    var stack = NlbModelBuilder.build(local(Map.of()), CONTEXT);

    assertThat(stack.targetGroups().get(0).healthCheck())
        .isEqualTo(new HealthCheckSpec("HTTP", "32456", "/healthz", 10, 6, 2, 2, "200-399"));
    assertThat(stack.bindings().get(0).healthCheckPort()).isEqualTo(new OpenPort("TCP", "32456"));
  }

  @Test
  void healthCheckAnnotationsStillWinOverTheLocalTrafficPolicyDefaults() {
    var service =
        local(
            Map.of(
                ServiceAnnotations.HC_PROTOCOL, "TCP",
                ServiceAnnotations.HC_PORT, "traffic-port",
                ServiceAnnotations.HC_INTERVAL, "30",
                ServiceAnnotations.HC_HEALTHY, "5"));

    assertThat(NlbModelBuilder.build(service, CONTEXT).targetGroups().get(0).healthCheck())
        .isEqualTo(new HealthCheckSpec("TCP", "traffic-port", null, 30, 6, 5, 2, null));
  }

  @Test
  void localTrafficPolicyWithIpTargetsKeepsTheUsualHealthCheck() {
    var service = local(Map.of(ServiceAnnotations.TARGET_TYPE, "ip"));

    assertThat(NlbModelBuilder.build(service, CONTEXT).targetGroups().get(0).healthCheck())
        .isEqualTo(new HealthCheckSpec("TCP", "traffic-port", null, 10, 10, 3, 3, null));
  }

  @ParameterizedTest(name = "{0} targets check port 'status' on {1}")
  @CsvSource({"instance, 30081", "ip, 8081"})
  void namedHealthCheckPortIsThatServicePortsNodePortOrTargetPort(String type, String expected) {
    var service =
        withPorts(
            external(
                Map.of(ServiceAnnotations.TARGET_TYPE, type, ServiceAnnotations.HC_PORT, "status")),
            port("web", 80, 8080, "TCP"),
            port("status", 81, 8081, "TCP"));

    var stack = NlbModelBuilder.build(service, CONTEXT);

    assertThat(stack.targetGroups()).allMatch(tg -> tg.healthCheck().port().equals(expected));
    assertThat(stack.bindings()).allMatch(b -> b.healthCheckPort().port().equals(expected));
  }

  @Test
  void namedHealthCheckPortThatIsNoPortOfTheServiceIsRefused() {
    var service = external(Map.of(ServiceAnnotations.HC_PORT, "status"));

    assertThatThrownBy(() -> NlbModelBuilder.build(service, CONTEXT))
        .hasMessageStartingWith(ServiceAnnotations.HC_PORT + ": ")
        .hasMessageContaining("'status' is not traffic-port, a port number or the name of a port");
  }

  @Test
  void namedHealthCheckPortOfANamedTargetPortIsRefusedForIpTargets() {
    var service =
        new ServiceBuilder(
                external(
                    Map.of(
                        ServiceAnnotations.TARGET_TYPE, "ip", ServiceAnnotations.HC_PORT, "web")))
            .editSpec()
            .editFirstPort()
            .withName("web")
            .withTargetPort(new IntOrString("http"))
            .endPort()
            .endSpec()
            .build();

    assertThatThrownBy(() -> NlbModelBuilder.build(service, CONTEXT))
        .hasMessageStartingWith(ServiceAnnotations.HC_PORT + ": ")
        .hasMessageContaining("named target port 'http'");
  }

  @Test
  void namesAreTheGoControllersForTheSameServiceUidAndCluster() {
    var stack = NlbModelBuilder.build(withUid(external(Map.of())), WITH_NLB_SECURITY_GROUPS);

    // sha256(cluster, uid, scheme), sha256(cluster, uid, tg port, port, type, protocol, health
    // check protocol and interval) and sha256(cluster, name, namespace, uid), as the Go
    // controller's model builders write them.
    assertThat(stack.loadBalancer().name()).isEqualTo("k8s-default-web-6c71e3f22c");
    assertThat(stack.targetGroups().get(0).name()).isEqualTo("k8s-default-web-2f82f87aae");
    assertThat(stack.bindings().get(0).name()).isEqualTo("k8s-default-web-2f82f87aae");
    assertThat(stack.securityGroups().get(0).name()).isEqualTo("k8s-default-web-48500164bc");
  }

  @Test
  void ipTargetsOnANamedTargetPortGetATargetGroupPortOfOne() {
    var service =
        new ServiceBuilder(external(Map.of(ServiceAnnotations.TARGET_TYPE, "ip")))
            .editSpec()
            .editFirstPort()
            .withTargetPort(new IntOrString("http"))
            .endPort()
            .endSpec()
            .build();

    assertThat(NlbModelBuilder.build(service, CONTEXT).targetGroups())
        .extracting(TargetGroupSpec::port)
        .containsExactly(1);
  }

  @Test
  void listenersCarryTheStackTagsWithTheirPortAsResource() {
    var stack =
        NlbModelBuilder.build(external(Map.of(ServiceAnnotations.TAGS, "env=prod")), CONTEXT);

    assertThat(stack.listeners().get(0).tags())
        .isEqualTo(
            Map.of(
                "env", "prod",
                "team", "edge",
                "elbv2.k8s.aws/cluster", "prod",
                "service.k8s.aws/stack", "default/web",
                "service.k8s.aws/resource", "80"));
  }

  @Test
  void loadBalancerNameAnnotationNamesTheLoadBalancer() {
    var stack =
        NlbModelBuilder.build(external(Map.of(ServiceAnnotations.NAME, "shop-front-1")), CONTEXT);

    assertThat(stack.loadBalancer().name()).isEqualTo("shop-front-1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a-name-that-is-far-too-long-for-aws, has 35 characters; AWS allows 32",
    "shop_front, may only have letters, digits and hyphens",
    "-shop, may only have letters",
    "shop-, may only have letters",
    "internal-shop, not start with internal-"
  })
  void badLoadBalancerNameIsRefused(String name, String problem) {
    var service = external(Map.of(ServiceAnnotations.NAME, name));

    assertThatThrownBy(() -> NlbModelBuilder.build(service, CONTEXT))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(ServiceAnnotations.NAME + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void targetNodeLabelsSelectTheNodesOfInstanceTargets() {
    var labels = Map.of(ServiceAnnotations.TARGET_NODE_LABELS, "pool=edge, zone=a");

    var instance = NlbModelBuilder.build(external(labels), CONTEXT).bindings().get(0);
    var ipLabels = new java.util.HashMap<>(labels);
    ipLabels.put(ServiceAnnotations.TARGET_TYPE, "ip");
    var ip = NlbModelBuilder.build(external(ipLabels), CONTEXT).bindings().get(0);

    assertThat(instance.nodeLabels()).isEqualTo(Map.of("pool", "edge", "zone", "a"));
    assertThat(ip.nodeLabels()).isEmpty();
  }

  @Test
  void multiClusterAnnotationMarksTheBindings() {
    var stack =
        NlbModelBuilder.build(external(Map.of(ServiceAnnotations.MULTI_CLUSTER, "true")), CONTEXT);

    assertThat(stack.bindings().get(0).multiClusterTargetGroup()).isTrue();
  }

  @Test
  void disableNlbSgGivesANewLoadBalancerNoSecurityGroups() {
    var stack =
        NlbModelBuilder.build(
            external(Map.of(ServiceAnnotations.DISABLE_NLB_SG, "true")), WITH_NLB_SECURITY_GROUPS);

    assertThat(stack.securityGroups()).isEmpty();
    assertThat(stack.backendSecurityGroup()).isFalse();
    assertThat(stack.bindings().get(0).allowBackendSecurityGroup()).isFalse();
    assertThat(stack.bindings().get(0).allowedSources()).containsExactly("10.0.0.0/16");
  }

  @Test
  void disableNlbSgOnALoadBalancerThatHasSecurityGroupsIsRefused() {
    var existing =
        NlbModelBuilder.build(
                external(Map.of(ServiceAnnotations.SECURITY_GROUPS, "sg-1")),
                WITH_NLB_SECURITY_GROUPS)
            .loadBalancer();

    assertThatThrownBy(
            () ->
                NlbModelBuilder.build(
                    external(Map.of(ServiceAnnotations.DISABLE_NLB_SG, "true")),
                    WITH_NLB_SECURITY_GROUPS,
                    Optional.of(existing)))
        .hasMessageStartingWith(ServiceAnnotations.DISABLE_NLB_SG + ": ")
        .hasMessageContaining("AWS cannot remove");
  }

  @Test
  void tcpAndUdpOnOnePortWithoutTheSwitchServeTheFirstAndWarnAboutTheOther() {
    var service =
        withPorts(
            external(Map.of()), port("dns-udp", 53, 53, "UDP"), port("dns-tcp", 53, 53, "TCP"));

    var stack = NlbModelBuilder.build(service, CONTEXT);

    assertThat(stack.listeners()).extracting(ListenerSpec::protocol).containsExactly("UDP");
    assertThat(stack.targetGroups()).extracting(TargetGroupSpec::protocol).containsExactly("UDP");
    assertThat(NlbModelBuilder.warnings(service, CONTEXT))
        .singleElement()
        .asString()
        .startsWith("port 53/TCP gets no listener")
        .contains(ServiceAnnotations.ENABLE_TCP_UDP);
    var allowed =
        withPorts(
            external(Map.of(ServiceAnnotations.ENABLE_TCP_UDP, "true")),
            port("dns-udp", 53, 53, "UDP"),
            port("dns-tcp", 53, 53, "TCP"));
    assertThat(NlbModelBuilder.warnings(allowed, CONTEXT)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "key of 129 | has 129 characters; AWS allows 128",
        "value of 257 | has 257 characters; AWS allows 256",
        "aws prefix | uses the prefix aws:"
      })
  void tagAWSWouldRefuseIsRefusedBeforeAnythingIsMade(String which, String problem) {
    var tag =
        switch (which) {
          case "key of 129" -> "k".repeat(129) + "=v";
          case "value of 257" -> "k=" + "v".repeat(257);
          default -> "aws:owner=me";
        };

    assertThatThrownBy(
            () -> NlbModelBuilder.build(external(Map.of(ServiceAnnotations.TAGS, tag)), CONTEXT))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(ServiceAnnotations.TAGS + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void tagsOfTheLongestLengthsAwsAllowsAreKept() {
    var tag = "k".repeat(128) + "=" + "v".repeat(256);

    var stack = NlbModelBuilder.build(external(Map.of(ServiceAnnotations.TAGS, tag)), CONTEXT);

    assertThat(stack.loadBalancer().tags()).containsEntry("k".repeat(128), "v".repeat(256));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedAnnotations")
  void annotationThisOperatorDoesNotServeIsRefusedByName(String name) {
    assertThatThrownBy(() -> NlbModelBuilder.build(external(Map.of(name, "1")), CONTEXT))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(name + ": not supported by this operator");
  }

  static Stream<String> refusedAnnotations() {
    return Stream.concat(
        ServiceAnnotations.REFUSED.stream().sorted(),
        ServiceAnnotations.REFUSED_PREFIXES.stream().map(prefix -> prefix + "TCP-80"));
  }

  @Test
  void unknownAnnotationOfTheFamilyIsServedWithAWarningNamingIt() {
    var name = ServiceAnnotations.PREFIX + "aws-load-balancer-connection-idle-timeout";
    var service = external(Map.of(name, "60"));

    assertThat(NlbModelBuilder.build(service, CONTEXT).listeners()).hasSize(1);
    assertThat(NlbModelBuilder.warnings(service, CONTEXT))
        .singleElement()
        .asString()
        .contains(name);
  }

  @Test
  void deprecatedAccessLogAndCrossZoneAnnotationsBecomeAttributes() {
    var service =
        external(
            Map.of(
                ServiceAnnotations.ACCESS_LOG_ENABLED, "true",
                ServiceAnnotations.ACCESS_LOG_BUCKET, "logs",
                ServiceAnnotations.ACCESS_LOG_PREFIX, "nlb",
                ServiceAnnotations.CROSS_ZONE, "true"));

    assertThat(NlbModelBuilder.build(service, CONTEXT).loadBalancer().attributes())
        .isEqualTo(
            Map.of(
                "access_logs.s3.enabled", "true",
                "access_logs.s3.bucket", "logs",
                "access_logs.s3.prefix", "nlb",
                "load_balancing.cross_zone.enabled", "true"));
  }

  @Test
  void proxyProtocolPerTargetGroupAndPortAttributesApplyToTheirPortsOnly() {
    var service =
        withPorts(
            external(
                Map.of(
                    ServiceAnnotations.PROXY_PROTOCOL_PER_TARGET_GROUP,
                    "443",
                    ServiceAnnotations.TARGET_GROUP_ATTRIBUTES,
                    "deregistration_delay.timeout_seconds=30",
                    ServiceAnnotations.TARGET_GROUP_ATTRIBUTES + ".80",
                    "deregistration_delay.timeout_seconds=5")),
            port("http", 80, 8080, "TCP"),
            port("https", 443, 8443, "TCP"));

    var groups = NlbModelBuilder.build(service, CONTEXT).targetGroups();

    assertThat(groups.get(0).attributes())
        .isEqualTo(
            Map.of(
                "deregistration_delay.timeout_seconds", "5", "proxy_protocol_v2.enabled", "false"));
    assertThat(groups.get(1).attributes())
        .isEqualTo(
            Map.of(
                "deregistration_delay.timeout_seconds", "30", "proxy_protocol_v2.enabled", "true"));
  }

  private static Service local(Map<String, String> annotations) {
    return new ServiceBuilder(external(annotations))
        .editSpec()
        .withExternalTrafficPolicy("Local")
        .withHealthCheckNodePort(32456)
        .endSpec()
        .build();
  }

  private static Service withUid(Service service) {
    return new ServiceBuilder(service).editMetadata().withUid(UID).endMetadata().build();
  }

  private static Service withPorts(
      Service service, io.fabric8.kubernetes.api.model.ServicePort... ports) {
    return new ServiceBuilder(service).editSpec().withPorts(ports).endSpec().build();
  }
}
