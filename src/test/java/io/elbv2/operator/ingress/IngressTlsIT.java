package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.CERTIFICATE_ARN;
import static io.elbv2.operator.ingress.AlbAnnotations.LISTEN_PORTS;
import static io.elbv2.operator.ingress.AlbAnnotations.SSL_POLICY;
import static io.elbv2.operator.ingress.AlbAnnotations.SSL_REDIRECT;
import static io.elbv2.operator.ingress.TestIngresses.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.IngressAlbs;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoCertificates;
import io.elbv2.operator.testing.OperatorEvents;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * HTTPS listeners of Ingresses: their certificates, named or found in ACM, TLS policy, redirect.
 */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class IngressTlsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String HTTP_AND_HTTPS = "[{\"HTTP\": 80}, {\"HTTPS\": 443}]";
  private static final String TLS13 = "ELBSecurityPolicy-TLS13-1-2-2021-06";

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  LocalCluster cluster;
  FaultInjectingProxy proxy;

  private Workloads workloads;
  private TestIngresses ingresses;
  private IngressAlbs stacks;
  private String domain;

  @BeforeEach
  void setUp() {
    workloads = Workloads.inFreshNamespace(client, "tls");
    workloads.deployment("game", 1, 80);
    workloads.service("game", "NodePort");
    ingresses = new TestIngresses(client, workloads, TIMEOUT);
    stacks = IngressAlbs.in(elbv2, cluster);
    // ACM is the account's: hosts of their own keep this test's certificates apart.
    domain = workloads.namespace() + ".example.com";
  }

  @AfterEach
  void tearDown() {
    workloads.deleteAndAwait(TIMEOUT);
  }

  @Test
  void namedCertificatesServeTheFirstAsDefaultTheRestBySniAndHttpRedirectsToHttps() {
    var first = MotoCertificates.imported(cluster, "a." + domain);
    var second = MotoCertificates.imported(cluster, "b." + domain);
    ingresses.create(
        ingresses.ingress(
            "shop",
            Map.of(
                LISTEN_PORTS,
                HTTP_AND_HTTPS,
                CERTIFICATE_ARN,
                first + "," + second,
                SSL_REDIRECT,
                "443",
                SSL_POLICY,
                TLS13),
            path("/", "Prefix", "game")));

    ingresses.awaitHostname("shop");
    var lb = stacks.loadBalancerOf(ingresses.stack("shop"));
    var https = stacks.listener(lb, 443);
    assertThat(https.protocolAsString()).isEqualTo("HTTPS");
    assertThat(https.sslPolicy()).isEqualTo(TLS13);
    assertThat(https.certificates()).extracting(c -> c.certificateArn()).contains(first);
    assertThat(sniCertificates(https, first)).containsExactly(second);
    assertThat(stacks.rules(https)).hasSize(1);
    var http = stacks.listener(lb, 80);
    assertThat(http.protocolAsString()).isEqualTo("HTTP");
    var redirect = http.defaultActions().get(0).redirectConfig();
    assertThat(redirect.protocol()).isEqualTo("HTTPS");
    assertThat(redirect.port()).isEqualTo("443");
    assertThat(redirect.statusCodeAsString()).isEqualTo("HTTP_301");
    assertThat(stacks.rules(http)).isEmpty();
    assertThat(OperatorEvents.warningsOn(client, ingresses.current("shop"))).isEmpty();

    var modified = proxy.requests("ModifyListener");
    var removed = proxy.requests("RemoveListenerCertificates");
    var added = proxy.requests("AddListenerCertificates");
    ingresses.edit("shop", i -> i.getMetadata().getAnnotations().put(CERTIFICATE_ARN, first));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(sniCertificates(https, first)).isEmpty());
    awaitTwoResyncs();
    assertThat(proxy.requests("RemoveListenerCertificates") - removed).isEqualTo(1);
    assertThat(proxy.requests("AddListenerCertificates")).isEqualTo(added);
    assertThat(proxy.requests("ModifyListener")).isEqualTo(modified);
  }

  @Test
  void aNewTlsPolicyModifiesTheListenerOnceAndAPolicyElbv2LacksIsRefusedNamingTheAnnotation() {
    var certificate = MotoCertificates.imported(cluster, "policy." + domain);
    ingresses.create(
        ingresses.ingress(
            "policy",
            Map.of(LISTEN_PORTS, "[{\"HTTPS\": 443}]", CERTIFICATE_ARN, certificate),
            path("/", "Prefix", "game")));
    ingresses.awaitHostname("policy");
    var lb = stacks.loadBalancerOf(ingresses.stack("policy"));
    assertThat(stacks.listener(lb, 443).sslPolicy()).isEqualTo("ELBSecurityPolicy-2016-08");
    var modified = proxy.requests("ModifyListener");
    var created = proxy.requests("CreateListener");

    ingresses.edit("policy", i -> i.getMetadata().getAnnotations().put(SSL_POLICY, TLS13));

    await().atMost(TIMEOUT).until(() -> TLS13.equals(stacks.listener(lb, 443).sslPolicy()));
    awaitTwoResyncs();
    assertThat(proxy.requests("ModifyListener") - modified).isEqualTo(1);
    assertThat(proxy.requests("CreateListener")).isEqualTo(created);

    ingresses.edit(
        "policy", i -> i.getMetadata().getAnnotations().put(SSL_POLICY, "ELBSecurityPolicy-Typo"));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(warnings("policy"))
                    .anyMatch(w -> w.contains(SSL_POLICY) && w.contains("ELBSecurityPolicy-Typo")));
    assertThat(stacks.listener(lb, 443).sslPolicy()).isEqualTo(TLS13);
  }

  @Test
  void withoutANamedCertificateTheHostsGetTheAcmCertificatesThatCoverThemWildcardsIncluded() {
    var wildcard = MotoCertificates.imported(cluster, "*." + domain);
    var apex = MotoCertificates.imported(cluster, domain);
    var ingress =
        new IngressBuilder(
                ingresses.ingress(
                    "found",
                    Map.of(LISTEN_PORTS, "[{\"HTTPS\": 443}]"),
                    path("/", "Prefix", "game")))
            .editSpec()
            .editFirstRule()
            .withHost("shop." + domain)
            .endRule()
            .withTls(new IngressTLSBuilder().withHosts(domain).build())
            .endSpec()
            .build();
    ingresses.create(ingress);

    ingresses.awaitHostname("found");
    var https = stacks.listener(stacks.loadBalancerOf(ingresses.stack("found")), 443);
    // The Go controller's order: the ARNs sorted, the first the listener's default.
    var sorted = List.of(apex, wildcard).stream().sorted().toList();
    assertThat(https.certificates()).extracting(c -> c.certificateArn()).contains(sorted.get(0));
    assertThat(sniCertificates(https, sorted.get(0))).containsExactly(sorted.get(1));
    assertThat(proxy.requests("ListCertificates")).isPositive();
  }

  @Test
  void aHostNoCertificateCoversIsRefusedAndNoLoadBalancerIsMade() {
    var ingress =
        new IngressBuilder(
                ingresses.ingress(
                    "uncovered",
                    Map.of(LISTEN_PORTS, "[{\"HTTPS\": 443}]"),
                    path("/", "Prefix", "game")))
            .editSpec()
            .editFirstRule()
            .withHost("nobody." + domain)
            .endRule()
            .endSpec()
            .build();
    ingresses.create(ingress);

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(warnings("uncovered"))
                    .anyMatch(
                        w ->
                            w.startsWith("FailedBuildModel")
                                && w.contains(CERTIFICATE_ARN)
                                && w.contains("nobody." + domain)));
    assertThat(stacks.loadBalancersOf(ingresses.stack("uncovered"))).isEmpty();
    assertThat(ingresses.hostnameOf("uncovered")).isNull();
  }

  /** Two more listings of the load balancers, each followed by a reconciliation. */
  private void awaitTwoResyncs() {
    int listings = proxy.requests("DescribeLoadBalancers");
    await().atMost(TIMEOUT).until(() -> proxy.requests("DescribeLoadBalancers") >= listings + 2);
  }

  private List<String> warnings(String name) {
    return OperatorEvents.warningsOn(client, ingresses.current(name)).stream()
        .map(e -> e.getReason() + ": " + e.getMessage())
        .toList();
  }

  /** The listener's certificates besides its default, however AWS marks that one. */
  private List<String> sniCertificates(Listener listener, String defaultCertificate) {
    return elbv2
        .describeListenerCertificates(r -> r.listenerArn(listener.listenerArn()))
        .certificates()
        .stream()
        .filter(c -> !Boolean.TRUE.equals(c.isDefault()))
        .filter(c -> !c.certificateArn().equals(defaultCertificate))
        .map(c -> c.certificateArn())
        .toList();
  }
}
