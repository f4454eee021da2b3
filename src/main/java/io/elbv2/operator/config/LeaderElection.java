package io.elbv2.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One replica reconciles at a time; the others wait on the lease. The framework applies this in the
 * profiles named by {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod).
 */
@ApplicationScoped
public class LeaderElection {

  static final String LEASE_NAME = "elbv2-operator-leader";

  /** In a pod the lease lives in the pod's namespace; outside a cluster it must be named. */
  @ConfigProperty(name = "elbv2.leader-election-namespace")
  Optional<String> namespace;

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection() {
    return namespace
        .map(ns -> new LeaderElectionConfiguration(LEASE_NAME, ns))
        .orElseGet(() -> new LeaderElectionConfiguration(LEASE_NAME));
  }
}
