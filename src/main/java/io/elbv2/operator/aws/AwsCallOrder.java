package io.elbv2.operator.aws;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The order in which AWS calls waiting for their turn go: the calls of the work that began first go
 * first. A reconciliation says when it began with {@link #enter}; a call made outside one is
 * ordered by the time it is made.
 *
 * <p>Without an order, a burst of Services that all call AWS at once shares AWS's answers evenly
 * and every Service gets its load balancer near the end of the burst; in this order the first
 * Services are done early and the others follow one after another, in the same total time.
 */
@ApplicationScoped
public class AwsCallOrder {

  private final ThreadLocal<Long> began = new ThreadLocal<>();

  /**
   * Until the returned turn is closed, this thread's AWS calls are ordered as work that began at
   * {@code beganNanos} ({@link System#nanoTime()}).
   */
  public Turn enter(long beganNanos) {
    var previous = began.get();
    began.set(beganNanos);
    return () -> {
      if (previous == null) {
        began.remove();
      } else {
        began.set(previous);
      }
    };
  }

  /** The order of a call this thread makes now: earlier goes first. */
  long ofCurrentCall() {
    var value = began.get();
    return value == null ? System.nanoTime() : value;
  }

  /** A thread's place in the order, kept until closed. */
  public interface Turn extends AutoCloseable {
    @Override
    void close();
  }
}
