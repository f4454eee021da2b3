package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbModelBuilderTest.CONTEXT;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.ingress;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.path;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.rule;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that no parse path may crash on: numbers too big for an int or a long, negative, not
 * numbers at all, JSON {@code null}, {@code [null]}, the wrong JSON types, empty strings and
 * garbage. Each is refused as an {@link InvalidAnnotationException} naming its annotation, in the
 * Go controller's words where it has them.
 */
class BadAnnotationValuesTest {

  private static final String LISTEN_PORTS = AlbAnnotations.LISTEN_PORTS;

  static Stream<Arguments> badValues() {
    return Stream.of(
        arguments(LISTEN_PORTS, "null", "empty listen-ports configuration: `null`"),
        arguments(LISTEN_PORTS, "[null]", "empty listen-ports configuration: `[null]`"),
        arguments(LISTEN_PORTS, "[null, null]", "empty listen-ports configuration"),
        arguments(LISTEN_PORTS, "[]", "empty listen-ports configuration: `[]`"),
        arguments(LISTEN_PORTS, "[{}]", "empty listen-ports configuration: `[{}]`"),
        arguments(LISTEN_PORTS, "", "failed to parse listen-ports configuration: ``"),
        arguments(LISTEN_PORTS, "{}", "failed to parse listen-ports configuration: `{}`"),
        arguments(LISTEN_PORTS, "{\"HTTP\": 80}", "failed to parse listen-ports configuration"),
        arguments(LISTEN_PORTS, "[80]", "failed to parse listen-ports configuration"),
        arguments(LISTEN_PORTS, "[[{\"HTTP\": 80}]]", "failed to parse listen-ports configuration"),
        arguments(LISTEN_PORTS, "[{\"HTTP\": null}]", "failed to parse listen-ports configuration"),
        arguments(
            LISTEN_PORTS, "[{\"HTTP\": \"80\"}]", "failed to parse listen-ports configuration"),
        arguments(LISTEN_PORTS, "[{\"HTTP\": 80.5}]", "failed to parse listen-ports configuration"),
        arguments(LISTEN_PORTS, "[{\"HTTP\": true}]", "failed to parse listen-ports configuration"),
        arguments(LISTEN_PORTS, "[{\"HTTP\": [80]}]", "failed to parse listen-ports configuration"),
        arguments(LISTEN_PORTS, "[{\"HTTP\": 80}] x", "failed to parse listen-ports configuration"),
        arguments(LISTEN_PORTS, "[{\"HTTP\": 80}],", "failed to parse listen-ports configuration"),
        arguments(LISTEN_PORTS, "garbage", "failed to parse listen-ports configuration"),
        arguments(
            LISTEN_PORTS,
            "[{\"HTTP\": 99999999999}]",
            "listen port must be within [1, 65535]: 99999999999"),
        arguments(
            LISTEN_PORTS,
            "[{\"HTTP\": 99999999999999999999999}]",
            "listen port must be within [1, 65535]: 99999999999999999999999"),
        arguments(LISTEN_PORTS, "[{\"HTTP\": 0}]", "listen port must be within [1, 65535]: 0"),
        arguments(
            LISTEN_PORTS, "[{\"HTTP\": -443}]", "listen port must be within [1, 65535]: -443"),
        arguments(
            LISTEN_PORTS, "[{\"http\": 80}]", "listen protocol must be within [HTTP, HTTPS]: http"),
        arguments(LISTEN_PORTS, "[{\"\": 80}]", "listen protocol must be within [HTTP, HTTPS]: "),
        arguments(AlbAnnotations.HC_PORT, "99999999999", "'99999999999' is out of range"),
        arguments(AlbAnnotations.HC_PORT, "-1", "'-1' is out of range; allowed: 1 to 65535"),
        arguments(AlbAnnotations.HC_PORT, "0", "'0' is out of range; allowed: 1 to 65535"),
        arguments(AlbAnnotations.HC_PORT, "", "'' is not traffic-port, a port number or the name"),
        arguments(
            AlbAnnotations.HC_PORT, "٣", "'٣' is not traffic-port, a port number or the name"),
        arguments(AlbAnnotations.HC_PORT, "80a", "'80a' is not traffic-port, a port number"),
        arguments(AlbAnnotations.HC_INTERVAL, "99999999999", "'99999999999' is out of range"),
        arguments(AlbAnnotations.HC_INTERVAL, "-5", "'-5' is out of range; allowed: 5 to 300"),
        arguments(AlbAnnotations.HC_INTERVAL, "5.5", "'5.5' is not a number"),
        arguments(AlbAnnotations.HC_INTERVAL, "", "'' is not a number"),
        arguments(AlbAnnotations.HC_INTERVAL, "0x10", "'0x10' is not a number"),
        arguments(AlbAnnotations.HC_INTERVAL, "١٠", "'١٠' is not a number"),
        arguments(AlbAnnotations.HC_TIMEOUT, "9223372036854775808", "is out of range"),
        arguments(AlbAnnotations.HC_HEALTHY, "many", "'many' is not a number"),
        arguments(AlbAnnotations.HC_UNHEALTHY, "2147483648", "'2147483648' is out of range"),
        arguments(IngressGroup.ORDER, "99999999999", "'99999999999' is out of range"),
        arguments(IngressGroup.ORDER, "", "'' is not a number"),
        arguments(AlbAnnotations.SUCCESS_CODES, "99999999999", "must be HTTP codes"),
        arguments(AlbAnnotations.INBOUND_CIDRS, "10.0.0.0/99999999999", "is not a CIDR block"),
        arguments(AlbAnnotations.INBOUND_CIDRS, "garbage", "'garbage' is not a CIDR block"),
        arguments(
            AlbAnnotations.LOAD_BALANCER_NAME,
            "bad name!",
            "may only have letters, digits and hyphens"),
        arguments(AlbAnnotations.LOAD_BALANCER_NAME, "internal-web", "not start with internal-"),
        arguments(AlbAnnotations.TAGS, "=x", "is not of the form key=value"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void badValueIsRefusedNamingTheAnnotation(String annotation, String value, String problem) {
    var ingress =
        ingress(
            "shop", "web", Map.of(annotation, value), rule(null, path("/", "Prefix", "web", 80)));

    assertThatThrownBy(() -> build(ingress))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(annotation + ": ")
        .hasMessageContaining(problem);
  }

  /** The backend Service's own annotations are read by the same parse paths. */
  @Test
  void badValueOnTheBackendServiceIsRefusedNamingTheAnnotation() {
    var service =
        new ServiceBuilder(AlbModelBuilderTest.serviceOf("shop/web").orElseThrow())
            .editMetadata()
            .addToAnnotations(AlbAnnotations.HC_PORT, "99999999999")
            .endMetadata()
            .build();
    var ingress = ingress("shop", "web", Map.of(), rule(null, path("/", "Prefix", "web", 80)));

    assertThatThrownBy(
            () ->
                AlbModelBuilder.build(
                    IngressGroup.of("shop/web", List.of(ingress)),
                    key -> key.equals("shop/web") ? Optional.of(service) : Optional.empty(),
                    CONTEXT))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(AlbAnnotations.HC_PORT + ": ")
        .hasMessageContaining("out of range");
  }

  /** An ExternalName Service has no ports at all. */
  @Test
  void aBackendServiceWithoutPortsIsRefusedNamingTheBackendPort() {
    var service =
        new ServiceBuilder(AlbModelBuilderTest.serviceOf("shop/web").orElseThrow())
            .editSpec()
            .withType("ExternalName")
            .withExternalName("example.com")
            .withPorts((List<ServicePort>) null)
            .endSpec()
            .build();
    var ingress = ingress("shop", "web", Map.of(), rule(null, path("/", "Prefix", "web", 80)));

    assertThatThrownBy(
            () ->
                AlbModelBuilder.build(
                    IngressGroup.of("shop/web", List.of(ingress)),
                    key -> Optional.of(service),
                    CONTEXT))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith("spec.rules[].http.paths[].backend.service.port: ")
        .hasMessageContaining("Service web has no port 80");
  }

  private static void build(Ingress ingress) {
    AlbModelBuilder.build(
        IngressGroup.of(IngressGroup.idOf(ingress), List.of(ingress)),
        AlbModelBuilderTest::serviceOf,
        CONTEXT);
  }
}
