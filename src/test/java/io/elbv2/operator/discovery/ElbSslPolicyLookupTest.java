package io.elbv2.operator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

class ElbSslPolicyLookupTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final Elbv2 elbv2 = new Elbv2();
  private final ElbSslPolicyLookup lookup = new ElbSslPolicyLookup(elbv2, clock);

  @Test
  void everyPageOfPoliciesIsKnown() {
    assertThat(lookup.exists("ELBSecurityPolicy-2016-08")).isTrue();
    assertThat(lookup.exists("ELBSecurityPolicy-TLS13-1-2-2021-06")).isTrue();
    assertThat(elbv2.asked).hasSize(2);
  }

  @Test
  void knownPoliciesAreReadOnce() {
    for (var i = 0; i < 50; i++) {
      lookup.exists("ELBSecurityPolicy-2016-08");
    }
    clock.advance(Duration.ofHours(5));
    lookup.exists("ELBSecurityPolicy-TLS13-1-2-2021-06");

    assertThat(elbv2.asked).hasSize(2);
  }

  @Test
  void anUnknownNameIsLookedForAgainAtMostOnceAMinute() {
    assertThat(lookup.exists("ELBSecurityPolicy-Typo")).isFalse();
    assertThat(lookup.exists("ELBSecurityPolicy-Typo")).isFalse();
    assertThat(elbv2.asked).hasSize(2);

    clock.advance(Duration.ofSeconds(61));
    assertThat(lookup.exists("ELBSecurityPolicy-Typo")).isFalse();
    assertThat(elbv2.asked).hasSize(4);
  }

  /** Two pages: the second marked by the first's NextMarker. */
  private static final class Elbv2 implements ElasticLoadBalancingV2Client {

    final List<String> asked = new CopyOnWriteArrayList<>();

    @Override
    public DescribeSslPoliciesResponse describeSSLPolicies(DescribeSslPoliciesRequest request) {
      asked.add(String.valueOf(request.marker()));
      return request.marker() == null
          ? DescribeSslPoliciesResponse.builder()
              .sslPolicies(SslPolicy.builder().name("ELBSecurityPolicy-2016-08").build())
              .nextMarker("page-2")
              .build()
          : DescribeSslPoliciesResponse.builder()
              .sslPolicies(SslPolicy.builder().name("ELBSecurityPolicy-TLS13-1-2-2021-06").build())
              .build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {}
  }
}
