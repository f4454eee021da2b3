package io.elbv2.operator.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesResponse;

/**
 * The TLS policies ELBv2 offers, read once and kept: AWS adds a policy now and then and never takes
 * one away from a region, so a name that is not known is looked for again, at most once a minute,
 * before it is refused.
 */
@ApplicationScoped
public class ElbSslPolicyLookup implements SslPolicyLookup {

  static final Duration UNKNOWN_ASKED_AGAIN_AFTER = Duration.ofMinutes(1);

  private final ElasticLoadBalancingV2Client elbv2;
  private final Clock clock;
  private Set<String> known;
  private Instant readAt;

  @Inject
  ElbSslPolicyLookup(ElasticLoadBalancingV2Client elbv2) {
    this(elbv2, Clock.systemUTC());
  }

  ElbSslPolicyLookup(ElasticLoadBalancingV2Client elbv2, Clock clock) {
    this.elbv2 = elbv2;
    this.clock = clock;
  }

  @Override
  public synchronized boolean exists(String policy) {
    var now = clock.instant();
    if (known == null
        || (!known.contains(policy) && !readAt.plus(UNKNOWN_ASKED_AGAIN_AFTER).isAfter(now))) {
      known = offered();
      readAt = now;
    }
    return known.contains(policy);
  }

  private Set<String> offered() {
    var names = new HashSet<String>();
    String marker = null;
    do {
      var from = marker;
      DescribeSslPoliciesResponse page = elbv2.describeSSLPolicies(r -> r.marker(from));
      page.sslPolicies().forEach(p -> names.add(p.name()));
      marker = page.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return Set.copyOf(names);
  }
}
