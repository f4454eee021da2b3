package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CleanupWaitsTest {

  private static final Duration CAP = Duration.ofSeconds(1000);

  private final AtomicLong now = new AtomicLong();
  private final CleanupWaits waits = new CleanupWaits(now::get);

  @Test
  void looksGrowApartFromTwoSecondsUpToTheCap() {
    var delays = new ArrayList<Duration>();
    for (int look = 0; look < 12; look++) {
      var step = waits.waiting(service("web", "uid-1"), CAP);
      delays.add(step.delay());
      pass(step.delay());
    }

    assertThat(delays.subList(0, 5))
        .containsExactly(seconds(2), seconds(4), seconds(8), seconds(16), seconds(32));
    assertThat(delays.subList(9, 12)).containsExactly(seconds(1000), seconds(1000), seconds(1000));
  }

  @Test
  void aSmallCapCutsTheFirstDelayToo() {
    assertThat(waits.waiting("IngressGroup/g", Duration.ofSeconds(1)).delay())
        .isEqualTo(seconds(1));
  }

  @Test
  void aWarningIsAskedForOnlyOnceTheWaitHasLastedMoreThanAMinuteThenAtEachLook() {
    var web = service("web", "uid-1");
    var warned = new ArrayList<Boolean>();
    var waited = new ArrayList<Duration>();
    for (int look = 0; look < 8; look++) {
      var step = waits.waiting(web, CAP);
      warned.add(step.warn());
      waited.add(step.waited());
      pass(step.delay());
    }

    // Looks at 0, 2, 6, 14, 30, 62, 126 and 254 s after the first.
    assertThat(waited.get(5)).isEqualTo(seconds(62));
    assertThat(warned).containsExactly(false, false, false, false, false, true, true, true);
  }

  @Test
  void aFinishedCleanupIsForgottenAndTheNextWaitStartsOver() {
    var web = service("web", "uid-1");
    for (int look = 0; look < 7; look++) {
      pass(waits.waiting(web, CAP).delay());
    }

    waits.done(web);
    var next = waits.waiting(web, CAP);

    assertThat(next.delay()).isEqualTo(seconds(2));
    assertThat(next.warn()).isFalse();
    waits.done(web);
    assertThat(waits.size()).isZero();
  }

  @Test
  void eachObjectWaitsOnItsOwn() {
    var old = service("web", "uid-1");
    for (int look = 0; look < 7; look++) {
      pass(waits.waiting(old, CAP).delay());
    }

    // Another Service, and the same name made again (a new uid), start from the beginning.
    assertThat(waits.waiting(service("api", "uid-2"), CAP).delay()).isEqualTo(seconds(2));
    assertThat(waits.waiting(service("web", "uid-3"), CAP).delay()).isEqualTo(seconds(2));
    assertThat(waits.waiting(old, CAP).delay()).isEqualTo(seconds(256));
  }

  private void pass(Duration time) {
    now.addAndGet(time.toNanos());
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  private static Service service(String name, String uid) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace("shop")
        .withName(name)
        .withUid(uid)
        .endMetadata()
        .build();
  }
}
