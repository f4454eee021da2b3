package io.elbv2.operator.config;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Whether this replica may call AWS: always when it runs without leader election; with it, only
 * once it holds the leader lease, so that replicas waiting for the lease cost AWS nothing. What
 * must be ready when the lease is won (the caches of AWS objects) is filled before the first
 * reconciliation, and tried again until AWS answers: reconciling from an empty cache would make
 * again what exists.
 */
@Singleton
public class Lease {

  private static final Logger LOG = Logger.getLogger(Lease.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private final List<Runnable> onAcquired = new CopyOnWriteArrayList<>();
  private volatile boolean contested;
  private volatile boolean held;

  public boolean held() {
    return !contested || held;
  }

  /** Runs {@code action} when the lease is won, before any reconciliation. */
  public void whenAcquired(Runnable action) {
    onAcquired.add(action);
  }

  /** Leader election is on: nothing calls AWS until the lease is won. */
  void contested() {
    contested = true;
  }

  void acquired() {
    held = true;
    for (var action : onAcquired) {
      runUntilItSucceeds(action);
    }
  }

  private static void runUntilItSucceeds(Runnable action) {
    var wait = FIRST_RETRY;
    while (true) {
      try {
        action.run();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("could not read AWS after winning the lease, trying again in %s: %s", wait, e);
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
      }
    }
  }
}
