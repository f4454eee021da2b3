package io.elbv2.operator.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconcileSlotsTest {

  @Test
  void noMoreReconciliationsRunAtOnceThanThereAreSlots() throws Exception {
    var slots = new ReconcileSlots(3);
    var running = new AtomicInteger();
    var most = new AtomicInteger();
    var pool = Executors.newFixedThreadPool(20);
    for (int i = 0; i < 40; i++) {
      pool.submit(
          () ->
              slots.run(
                  () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    sleep(5);
                    return running.decrementAndGet();
                  }));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(most).hasValue(3);
  }

  @Test
  void waitingReconciliationsStartInTheOrderTheyAsked() throws Exception {
    var slots = new ReconcileSlots(1);
    var started = Collections.synchronizedList(new ArrayList<Integer>());
    var release = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(6);
    pool.submit(() -> slots.run(() -> await(release)));
    sleep(50);
    for (int i = 1; i <= 5; i++) {
      int order = i;
      pool.submit(() -> slots.run(() -> started.add(order)));
      sleep(50); // each asks after the one before
    }
    release.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(started).isEqualTo(List.of(1, 2, 3, 4, 5));
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void withoutALimitEveryReconciliationRunsAtOnce() throws Exception {
    var slots = new ReconcileSlots(0);
    var inside = new CountDownLatch(5);
    var pool = Executors.newFixedThreadPool(5);
    for (int i = 0; i < 5; i++) {
      pool.submit(
          () ->
              slots.run(
                  () -> {
                    inside.countDown();
                    return await(inside);
                  }));
    }
    pool.shutdown();

    assertThat(inside.await(10, TimeUnit.SECONDS)).as("all five inside together").isTrue();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }
}
