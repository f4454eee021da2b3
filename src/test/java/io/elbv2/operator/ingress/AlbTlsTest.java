package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbModelBuilderTest.ingress;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.path;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.elbv2.operator.discovery.CertificateLookup;
import io.elbv2.operator.discovery.FixedCertificates;
import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.Stack;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HTTPS listeners of an ALB: certificates named or discovered in ACM, TLS policies and the redirect
 * of HTTP to HTTPS, as the Go controller builds them.
 */
class AlbTlsTest {

  private static final String CERT_A = "arn:aws-cn:acm:cn-north-1:123456789012:certificate/a";
  private static final String CERT_B = "arn:aws-cn:acm:cn-north-1:123456789012:certificate/b";
  private static final String CERT_C = "arn:aws-cn:acm:cn-north-1:123456789012:certificate/c";
  private static final String CERTIFICATE_ARN = AlbAnnotations.CERTIFICATE_ARN;
  private static final String LISTEN_PORTS = AlbAnnotations.LISTEN_PORTS;
  private static final String HTTP_AND_HTTPS = "[{\"HTTP\": 80}, {\"HTTPS\": 443}]";

  private static final FixedCertificates ACM =
      FixedCertificates.NONE
          .withCertificate(CERT_B, "shop.example.com", "www.shop.example.com")
          .withCertificate(CERT_A, "*.example.com")
          .withCertificate(CERT_C, "api.example.org");

  @Test
  void namedCertificatesMakeAnHttpsListenerOn443WithTheFirstAsDefaultAndTheDefaultPolicy() {
    var stack = build(web(Map.of(CERTIFICATE_ARN, CERT_B + ", " + CERT_A)));

    assertThat(stack.listeners())
        .singleElement()
        .satisfies(
            listener -> {
              assertThat(listener.port()).isEqualTo(443);
              assertThat(listener.protocol()).isEqualTo("HTTPS");
              assertThat(listener.certificateArns()).containsExactly(CERT_B, CERT_A);
              assertThat(listener.sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
            });
    assertThat(stack.rules()).extracting(r -> r.listenerPort()).containsExactly(443);
  }

  @Test
  void namedCertificatesAreUsedWithoutAskingAcm() {
    var stack =
        build(
            web(Map.of(CERTIFICATE_ARN, CERT_A)),
            hosts -> {
              throw new AssertionError("ACM asked for " + hosts);
            });

    assertThat(stack.listeners().get(0).certificateArns()).containsExactly(CERT_A);
  }

  @Test
  void aNamedTlsPolicyIsTheHttpsListenersAndHttpListenersHaveNone() {
    var stack =
        build(
            web(
                Map.of(
                    CERTIFICATE_ARN,
                    CERT_A,
                    LISTEN_PORTS,
                    HTTP_AND_HTTPS,
                    AlbAnnotations.SSL_POLICY,
                    "ELBSecurityPolicy-TLS13-1-2-2021-06")));

    assertThat(stack.listeners())
        .extracting(
            ListenerSpec::port,
            ListenerSpec::protocol,
            ListenerSpec::sslPolicy,
            l -> l.certificateArns())
        .containsExactly(
            tuple(80, "HTTP", null, List.of()),
            tuple(443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06", List.of(CERT_A)));
  }

  @Test
  void sslRedirectMakesEveryHttpListenerRedirectWith301AndKeepNoRules() {
    var stack =
        build(
            web(
                Map.of(
                    CERTIFICATE_ARN,
                    CERT_A,
                    LISTEN_PORTS,
                    "[{\"HTTP\": 80}, {\"HTTP\": 8080}, {\"HTTPS\": 443}]",
                    AlbAnnotations.SSL_REDIRECT,
                    "443")));

    var redirect = new Action.Redirect("HTTPS", null, "443", null, null, "HTTP_301");
    assertThat(stack.listeners())
        .filteredOn(l -> l.protocol().equals("HTTP"))
        .extracting(ListenerSpec::port, ListenerSpec::defaultActions)
        .containsExactly(tuple(80, List.of(redirect)), tuple(8080, List.of(redirect)));
    assertThat(stack.rules())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.listenerPort()).isEqualTo(443));
    assertThat(stack.listeners())
        .filteredOn(ListenerSpec::port, 443)
        .singleElement()
        .extracting(ListenerSpec::defaultActions)
        .asList()
        .containsExactly(new Action.FixedResponse(404, "text/plain", null));
  }

  @Test
  void sslRedirectToAnHttpPortIsRefused() {
    assertRefused(
        web(Map.of(LISTEN_PORTS, "[{\"HTTP\": 80}]", AlbAnnotations.SSL_REDIRECT, "80")),
        AlbAnnotations.SSL_REDIRECT,
        "listener protocol non-SSL for SSLRedirect port: 80");
  }

  @Test
  void certificatesAreDiscoveredForTheHostsOfTheRulesAndOfSpecTlsSorted() {
    var ingress =
        withTlsHosts(
            ingress(
                "shop",
                "web",
                Map.of(LISTEN_PORTS, "[{\"HTTPS\": 443}]"),
                rule("shop.example.com", path("/", "Prefix", "web", 80))),
            "api.example.org");

    var stack = build(ingress, ACM);

    // shop.example.com is covered by b and by the wildcard a; api.example.org by c.
    assertThat(stack.listeners().get(0).certificateArns()).containsExactly(CERT_A, CERT_B, CERT_C);
  }

  @Test
  void aWildcardCoversOneLabelOnly() {
    var oneLabel = https("web", "cart.example.com");
    var twoLabels = https("web", "eu.cart.example.com");

    assertThat(build(oneLabel, ACM).listeners().get(0).certificateArns()).containsExactly(CERT_A);
    assertRefused(
        twoLabels, ACM, CERTIFICATE_ARN, "no certificate found for host: eu.cart.example.com");
  }

  @Test
  void anHttpsPortWithoutNamedCertificatesOrHostsIsRefused() {
    assertRefused(
        web(Map.of(LISTEN_PORTS, "[{\"HTTPS\": 443}]")),
        ACM,
        CERTIFICATE_ARN,
        "an HTTPS listen port needs a certificate");
  }

  @Test
  void anUnknownTlsPolicyIsRefused() {
    assertRefused(
        web(Map.of(CERTIFICATE_ARN, CERT_A, AlbAnnotations.SSL_POLICY, "ELBSecurityPolicy-Nope")),
        AlbAnnotations.SSL_POLICY,
        "'ELBSecurityPolicy-Nope' is not one of the TLS policies ELBv2 offers");
  }

  @Test
  void aGroupsCertificatesAreMergedWithTheFirstMembersFirstAsDefaultEachOnce() {
    var first = member("a", 1, Map.of(CERTIFICATE_ARN, CERT_B + "," + CERT_A));
    var second = member("b", 2, Map.of(CERTIFICATE_ARN, CERT_A + "," + CERT_C));

    var stack = buildGroup(first, second);

    assertThat(stack.listeners().get(0).certificateArns()).containsExactly(CERT_B, CERT_A, CERT_C);
  }

  @Test
  void membersAskingForDifferentTlsPoliciesAreRefused() {
    var first =
        member(
            "a",
            1,
            Map.of(
                CERTIFICATE_ARN, CERT_A, AlbAnnotations.SSL_POLICY, "ELBSecurityPolicy-2016-08"));
    var second =
        member(
            "b",
            2,
            Map.of(
                CERTIFICATE_ARN,
                CERT_A,
                AlbAnnotations.SSL_POLICY,
                "ELBSecurityPolicy-FS-1-2-Res-2020-10"));

    assertThatThrownBy(() -> buildGroup(first, second))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessage(
            AlbAnnotations.SSL_POLICY
                + ": conflicting sslPolicy, shop/a: ELBSecurityPolicy-2016-08 | shop/b:"
                + " ELBSecurityPolicy-FS-1-2-Res-2020-10");
  }

  @Test
  void membersAskingForDifferentRedirectPortsAreRefused() {
    var ports = "[{\"HTTP\": 80}, {\"HTTPS\": 443}, {\"HTTPS\": 8443}]";
    var first =
        member(
            "a",
            1,
            Map.of(
                CERTIFICATE_ARN, CERT_A, LISTEN_PORTS, ports, AlbAnnotations.SSL_REDIRECT, "443"));
    var second =
        member(
            "b",
            2,
            Map.of(
                CERTIFICATE_ARN, CERT_A, LISTEN_PORTS, ports, AlbAnnotations.SSL_REDIRECT, "8443"));

    assertThatThrownBy(() -> buildGroup(first, second))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessage(AlbAnnotations.SSL_REDIRECT + ": conflicting sslRedirect port: [443, 8443]");
  }

  @Test
  void oneMembersRedirectAppliesToTheWholeGroupsHttpListeners() {
    var redirecting =
        member(
            "a",
            1,
            Map.of(
                CERTIFICATE_ARN,
                CERT_A,
                LISTEN_PORTS,
                HTTP_AND_HTTPS,
                AlbAnnotations.SSL_REDIRECT,
                "443"));
    var plainHttp = member("b", 2, Map.of());

    var stack = buildGroup(redirecting, plainHttp);

    assertThat(stack.listeners().get(0).defaultActions())
        .containsExactly(new Action.Redirect("HTTPS", null, "443", null, null, "HTTP_301"));
    assertThat(stack.rules()).extracting(r -> r.listenerPort()).containsOnly(443);
  }

  private static Ingress web(Map<String, String> annotations) {
    return ingress("shop", "web", annotations, rule(null, path("/", "Prefix", "web", 80)));
  }

  private static Ingress https(String name, String host) {
    return ingress(
        "shop",
        name,
        Map.of(LISTEN_PORTS, "[{\"HTTPS\": 443}]"),
        rule(host, path("/", "Prefix", "web", 80)));
  }

  private static Ingress member(String name, int order, Map<String, String> annotations) {
    var withGroup = new HashMap<>(annotations);
    withGroup.put(IngressGroup.NAME, "g");
    withGroup.put(IngressGroup.ORDER, Integer.toString(order));
    return ingress("shop", name, withGroup, rule(null, path("/" + name, "Prefix", "web", 80)));
  }

  private static Ingress withTlsHosts(Ingress ingress, String... hosts) {
    return new IngressBuilder(ingress)
        .editSpec()
        .addNewTl()
        .withHosts(hosts)
        .endTl()
        .endSpec()
        .build();
  }

  private static void assertRefused(Ingress ingress, String annotation, String problem) {
    assertRefused(ingress, ACM, annotation, problem);
  }

  private static void assertRefused(
      Ingress ingress, CertificateLookup certificates, String annotation, String problem) {
    assertThatThrownBy(() -> build(ingress, certificates))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(annotation + ": ")
        .hasMessageContaining(problem);
  }

  private static Stack build(Ingress ingress) {
    return build(ingress, ACM);
  }

  private static Stack build(Ingress ingress, CertificateLookup certificates) {
    return AlbModelBuilder.build(
        IngressGroup.of(IngressGroup.idOf(ingress), List.of(ingress)),
        AlbModelBuilderTest::serviceOf,
        context(certificates));
  }

  private static Stack buildGroup(Ingress... members) {
    return AlbModelBuilder.build(
        IngressGroup.of("g", List.of(members)), AlbModelBuilderTest::serviceOf, context(ACM));
  }

  private static AlbContext context(CertificateLookup certificates) {
    var base = AlbModelBuilderTest.CONTEXT;
    return new AlbContext(
        base.clusterName(),
        base.vpcId(),
        base.defaultTags(),
        base.externalManagedTags(),
        base.subnets(),
        base.defaultTagsLowPriority(),
        base.singleSubnet(),
        certificates,
        new FixedCertificates(Map.of(), FixedCertificates.NONE.policies()),
        base.targetGroupNames());
  }
}
