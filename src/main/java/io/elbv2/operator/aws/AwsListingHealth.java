package io.elbv2.operator.aws;

import io.elbv2.operator.kubernetes.OperatorPodEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Whether the periodic listings of the cluster's AWS objects succeed, as metrics, log lines and
 * events on the operator's Pod ({@code FailedAWSListing} for each failure, {@code
 * AWSListingRecovered} once one succeeds again). A failed listing keeps the last one and is tried
 * again at the next period; it is not a reason to report the operator unready, which would take the
 * webhooks out of service for an AWS problem.
 *
 * <p>{@code elbv2_aws_listing_healthy{listing}}: 1 when the last listing succeeded, 0 when it
 * failed; {@code elbv2_aws_listing_failures_total{listing,error_code}}.
 */
@Singleton
public class AwsListingHealth {

  private static final Logger LOG = Logger.getLogger(AwsListingHealth.class);

  public static final String FAILED = "FailedAWSListing";
  public static final String RECOVERED = "AWSListingRecovered";

  private final MeterRegistry registry;
  private final OperatorPodEvents events;
  private final Map<String, AtomicInteger> healthy = new ConcurrentHashMap<>();

  public AwsListingHealth(MeterRegistry registry, OperatorPodEvents events) {
    this.registry = registry;
    this.events = events;
  }

  public void succeeded(String listing) {
    if (state(listing).getAndSet(1) == 0) {
      LOG.infof("listing %s succeeds again", listing);
      events.normal(RECOVERED, "listing " + listing + " succeeds again");
    }
  }

  public void failed(String listing, SdkException e) {
    Counter.builder("elbv2.aws.listing.failures")
        .description("Periodic listings of the cluster's AWS objects that failed")
        .tags("listing", listing, "error_code", AwsErrors.code(e))
        .register(registry)
        .increment();
    var answer = AwsErrors.describe(e);
    if (state(listing).getAndSet(0) == 1) {
      LOG.warnf(
          "listing %s failed, keeping the last one and trying again at the next period: %s",
          listing, answer);
    }
    events.warning(
        FAILED,
        "listing "
            + listing
            + " failed, the last one is kept and it is tried again at the next period: "
            + answer);
  }

  private AtomicInteger state(String listing) {
    return healthy.computeIfAbsent(
        listing,
        name -> {
          var state = new AtomicInteger(1);
          Gauge.builder("elbv2.aws.listing.healthy", state, AtomicInteger::get)
              .description("1 when the last listing of these AWS objects succeeded, else 0")
              .tag("listing", name)
              .register(registry);
          return state;
        });
  }
}
