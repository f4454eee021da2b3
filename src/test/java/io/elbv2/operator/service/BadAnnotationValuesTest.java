package io.elbv2.operator.service;

import static io.elbv2.operator.build.nlb.NlbFixtures.CONTEXT;
import static io.elbv2.operator.build.nlb.NlbFixtures.external;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.elbv2.operator.build.nlb.NlbModelBuilder;
import io.elbv2.operator.build.nlb.ServiceAnnotations;
import io.elbv2.operator.model.InvalidAnnotationException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that no parse path of a Service may crash on: numbers too big for an int or a long,
 * negative, not numbers at all, empty strings and garbage. Each is refused as an {@link
 * InvalidAnnotationException} naming its annotation, in the Go controller's words where it has
 * them, before anything is made.
 */
class BadAnnotationValuesTest {

  private static final String LB = ServiceAnnotations.PREFIX + "aws-load-balancer-";

  static Stream<Arguments> badValues() {
    return Stream.of(
        arguments(ServiceAnnotations.HC_PORT, "99999999999", "'99999999999' is out of range"),
        arguments(ServiceAnnotations.HC_PORT, "-1", "'-1' is out of range; allowed: 1 to 65535"),
        arguments(ServiceAnnotations.HC_PORT, "", "'' is not traffic-port, a port number or"),
        arguments(ServiceAnnotations.HC_PORT, "٣", "'٣' is not traffic-port, a port number or"),
        arguments(ServiceAnnotations.HC_INTERVAL, "99999999999", "'99999999999' is out of range"),
        arguments(ServiceAnnotations.HC_INTERVAL, "", "'' is not a number"),
        arguments(ServiceAnnotations.HC_TIMEOUT, "-1", "'-1' is out of range; allowed: 2 to 120"),
        arguments(ServiceAnnotations.HC_HEALTHY, "2.0", "'2.0' is not a number"),
        arguments(ServiceAnnotations.HC_UNHEALTHY, "9223372036854775808", "is out of range"),
        arguments(ServiceAnnotations.INTERNAL, "", "'' is not one of [false, true]"),
        arguments(ServiceAnnotations.CROSS_ZONE, "", "'' is not one of [false, true]"),
        arguments(ServiceAnnotations.ACCESS_LOG_ENABLED, "", "'' is not one of [false, true]"),
        arguments(ServiceAnnotations.MANAGE_BACKEND_RULES, "", "'' is not one of [false, true]"),
        arguments(ServiceAnnotations.DISABLE_NLB_SG, "", "'' is not one of [false, true]"),
        arguments(ServiceAnnotations.MULTI_CLUSTER, "", "'' is not one of [false, true]"),
        arguments(ServiceAnnotations.ENABLE_TCP_UDP, "on", "'on' is not one of [false, true]"),
        arguments(
            ServiceAnnotations.PROXY_PROTOCOL_PER_TARGET_GROUP,
            "99999999999",
            "invalid port number in proxy-protocol-per-target-group: 99999999999"),
        arguments(
            ServiceAnnotations.PROXY_PROTOCOL_PER_TARGET_GROUP,
            "80, x",
            "invalid port number in proxy-protocol-per-target-group: x"),
        arguments(
            ServiceAnnotations.PROXY_PROTOCOL_PER_TARGET_GROUP,
            "٨٠",
            "invalid port number in proxy-protocol-per-target-group: ٨٠"),
        arguments(ServiceAnnotations.SOURCE_RANGES, "garbage", "'garbage' is not a CIDR block"),
        arguments(ServiceAnnotations.SOURCE_RANGES, "10.0.0.0/99999999999", "is not a CIDR block"),
        arguments(
            ServiceAnnotations.PRIVATE_IPV4,
            "i-am-not-an-ip, 10.0.0.2",
            "private IPv4 addresses must be valid IPv4 address: i-am-not-an-ip"),
        arguments(
            ServiceAnnotations.PRIVATE_IPV4,
            "2001:db8::1, 10.0.0.2",
            "private IPv4 addresses must be valid IPv4 address: 2001:db8::1"),
        arguments(
            ServiceAnnotations.ATTRIBUTES,
            "deletion_protection.enabled=maybe",
            "'deletion_protection.enabled' must be true or false, not 'maybe'"),
        arguments(
            ServiceAnnotations.TARGET_GROUP_ATTRIBUTES,
            "preserve_client_ip.enabled=maybe",
            "failed to parse attribute preserve_client_ip.enabled=maybe"),
        arguments(
            ServiceAnnotations.PORT_TARGET_GROUP_ATTRIBUTES + "80",
            "preserve_client_ip.enabled=",
            "failed to parse attribute preserve_client_ip.enabled="),
        arguments(ServiceAnnotations.TAGS, "=x", "is not of the form key=value"),
        arguments(LB + "name", "bad name!", "may only have letters, digits and hyphens"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void badValueIsRefusedNamingTheAnnotation(String annotation, String value, String problem) {
    var service = external(Map.of(annotation, value));

    assertThatThrownBy(
            () -> {
              NlbModelBuilder.build(service, CONTEXT);
              NlbModelBuilder.warnings(service, CONTEXT);
            })
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(annotation + ": ")
        .hasMessageContaining(problem);
  }
}
