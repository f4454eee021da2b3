package io.elbv2.operator.kubernetes;

import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Duration;

/**
 * How a controller tries again after a failed reconciliation, as the Go controller's work queues do
 * (client-go's {@code ItemExponentialFailureRateLimiter}): 5 ms after the first failure, twice as
 * long after each next one up to a cap, and never giving up. The tries are counted per object and
 * forgotten once it reconciles. The framework's own default gives up after 5 tries (about 18 s) and
 * then waits for the next change or its maximum reconciliation interval, 10 hours.
 */
public final class FailureBackoff {

  static final Duration FIRST_DELAY = Duration.ofMillis(5);
  static final double MULTIPLIER = 2;

  private FailureBackoff() {}

  /** Tries without a limit, waiting at most {@code cap} between two. */
  public static GenericRetry retry(Duration cap) {
    return new GenericRetry()
        .withoutMaxAttempts()
        .setInitialInterval(FIRST_DELAY)
        .setIntervalMultiplier(MULTIPLIER)
        .setMaxInterval(cap.toMillis());
  }
}
