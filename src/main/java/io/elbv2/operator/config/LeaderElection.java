package io.elbv2.operator.config;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One replica reconciles at a time; the others wait on the lease. The framework applies this in the
 * profiles named by {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod).
 */
@ApplicationScoped
public class LeaderElection {

  static final String LEASE_NAME = "elbv2-operator-leader";
  private static final Logger LOG = Logger.getLogger(LeaderElection.class);

  /** In a pod the lease lives in the pod's namespace; outside a cluster it must be named. */
  @ConfigProperty(name = "elbv2.leader-election-namespace")
  Optional<String> namespace;

  private final Lease lease;
  private volatile boolean shuttingDown;

  LeaderElection(Lease lease) {
    this.lease = lease;
  }

  /** Asked for by the framework only in the profiles where leader election is on. */
  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection() {
    lease.contested();
    // The framework's own exit-on-stop calls System.exit from the shutdown hook when the operator
    // stops, which hangs the JVM; exit here instead, and only when leadership is lost while
    // running.
    var callbacks = new LeaderCallbacks(this::startedLeading, this::stoppedLeading, leader -> {});
    return new LeaderElectionConfiguration(
        LEASE_NAME,
        namespace.orElse(null),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        null,
        callbacks,
        false);
  }

  /**
   * Before the framework's own shutdown observer stops the operator, which ends the lease and calls
   * {@link #stoppedLeading} (observers of equal priority run in no set order).
   */
  void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    shuttingDown = true;
  }

  /** Runs before the framework starts reconciling. */
  private void startedLeading() {
    lease.acquired();
    LOG.info("leading: this replica reconciles");
  }

  private void stoppedLeading() {
    if (!shuttingDown) {
      LOG.error("lost the leader lease; exiting so that a fresh start can compete for it");
      Quarkus.asyncExit(1);
    }
  }
}
