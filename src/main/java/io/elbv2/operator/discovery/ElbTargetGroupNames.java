package io.elbv2.operator.discovery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * Target group names resolved with {@code DescribeTargetGroups}, each ARN found kept 20 minutes as
 * the Go controller keeps it; a name not found is asked again the next time.
 */
@ApplicationScoped
public class ElbTargetGroupNames implements TargetGroupNames {

  static final Duration KEPT = Duration.ofMinutes(20);

  private record Found(String arn, Instant until) {}

  private final ElasticLoadBalancingV2Client elbv2;
  private final Clock clock;
  private final Map<String, Found> found = new HashMap<>();

  @Inject
  ElbTargetGroupNames(ElasticLoadBalancingV2Client elbv2) {
    this(elbv2, Clock.systemUTC());
  }

  ElbTargetGroupNames(ElasticLoadBalancingV2Client elbv2, Clock clock) {
    this.elbv2 = elbv2;
    this.clock = clock;
  }

  @Override
  public synchronized Optional<String> arnOf(String name) {
    var now = clock.instant();
    var kept = found.get(name);
    if (kept != null && kept.until().isAfter(now)) {
      return Optional.of(kept.arn());
    }
    try {
      var groups = elbv2.describeTargetGroups(r -> r.names(name)).targetGroups();
      if (groups.size() != 1) {
        return Optional.empty();
      }
      var arn = groups.get(0).targetGroupArn();
      found.put(name, new Found(arn, now.plus(KEPT)));
      return Optional.of(arn);
    } catch (TargetGroupNotFoundException notFound) {
      found.remove(name);
      return Optional.empty();
    }
  }
}
