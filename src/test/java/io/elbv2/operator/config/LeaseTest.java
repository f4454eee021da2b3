package io.elbv2.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeaseTest {

  @Test
  void withoutLeaderElectionAwsMayBeCalledAtOnce() {
    assertThat(new Lease().held()).isTrue();
  }

  @Test
  void withLeaderElectionAwsWaitsForTheLeaseAndTheCachesFillBeforeItIsHeld() {
    var lease = new Lease();
    var filled = new ArrayList<String>();
    lease.whenAcquired(() -> filled.add("load balancers, held: " + lease.held()));
    lease.whenAcquired(() -> filled.add("target groups"));
    lease.contested();

    assertThat(lease.held()).isFalse();
    assertThat(filled).isEmpty();

    lease.acquired();

    assertThat(lease.held()).isTrue();
    assertThat(filled).containsExactly("load balancers, held: true", "target groups");
  }

  @Test
  void aCacheAwsCouldNotFillIsTriedAgainBeforeReconcilingStarts() {
    var lease = new Lease();
    var attempts = new AtomicInteger();
    lease.whenAcquired(
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw new IllegalStateException("ThrottlingException");
          }
        });
    lease.contested();

    lease.acquired();

    assertThat(attempts).hasValue(2);
  }
}
