package io.elbv2.operator.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureBackoffTest {

  @Test
  void retriesNeverGiveUpAndWaitTwiceAsLongEachTimeUpToTheCap() {
    var retry = FailureBackoff.retry(Duration.ofSeconds(1000)).initExecution();

    var delays = new ArrayList<Long>();
    for (int failure = 0; failure < 1000; failure++) {
      var delay = retry.nextDelay();
      assertThat(delay).as("delay after failure %d", failure + 1).isPresent();
      delays.add(delay.get());
    }

    assertThat(retry.isLastAttempt()).isFalse();
    assertThat(delays.subList(0, 6)).containsExactly(5L, 5L, 10L, 20L, 40L, 80L);
    assertThat(delays).isSorted().allMatch(delay -> delay <= 1_000_000L);
    assertThat(delays.get(delays.size() - 1)).isEqualTo(1_000_000L);
    // 5 ms doubled 18 times is past 1000 s: the cap is reached at the 20th failure, some 22
    // minutes after the first, as in the Go controller.
    assertThat(delays.indexOf(1_000_000L)).isEqualTo(19);
  }

  @Test
  void aSmallCapIsReachedSoonerAndKept() {
    var retry = FailureBackoff.retry(Duration.ofSeconds(20)).initExecution();

    var delays = new ArrayList<Long>();
    for (int failure = 0; failure < 30; failure++) {
      delays.add(retry.nextDelay().orElseThrow());
    }

    assertThat(delays.subList(12, 15)).containsExactly(10_240L, 20_000L, 20_000L);
    assertThat(delays.subList(14, 30)).containsOnly(20_000L);
    assertThat(List.copyOf(delays)).isSorted();
  }

  @Test
  void eachObjectCountsItsOwnFailures() {
    var retry = FailureBackoff.retry(Duration.ofSeconds(1000));
    var first = retry.initExecution();
    for (int failure = 0; failure < 10; failure++) {
      first.nextDelay();
    }

    assertThat(retry.initExecution().nextDelay()).contains(5L);
  }
}
