package io.elbv2.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallGateTest {

  @Test
  void waitingCallsGoInTheOrderOfTheWorkThatBeganFirstNotOfTheirArrival() throws Exception {
    var gate = new CallGate(1);
    gate.enter(0);
    var admitted = new CopyOnWriteArrayList<Long>();
    var threads =
        List.of(30L, 10L, 20L).stream().map(order -> caller(order, gate, admitted)).toList();
    for (var thread : threads) {
      thread.start();
      // Arrivals one after another, the latest-begun work first.
      await().atMost(5, TimeUnit.SECONDS).until(() -> thread.getState() == Thread.State.WAITING);
    }
    assertThat(gate.waiting()).isEqualTo(3);

    gate.leave();

    for (var thread : threads) {
      thread.join(5000);
    }
    assertThat(admitted).containsExactly(10L, 20L, 30L);
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void callsRunTogetherUpToTheLimitAndTheNextWaitsForOneToLeave() throws Exception {
    var gate = new CallGate(2);
    gate.enter(5);
    gate.enter(6);
    var admitted = new CopyOnWriteArrayList<Long>();
    var third = caller(7L, gate, admitted);
    third.start();
    await().atMost(5, TimeUnit.SECONDS).until(() -> gate.waiting() == 1);
    assertThat(admitted).isEmpty();

    gate.leave();

    third.join(5000);
    assertThat(admitted).containsExactly(7L);
  }

  @Test
  void anInterruptedWaiterGivesUpItsPlaceAndTakesNoTurn() throws Exception {
    var gate = new CallGate(1);
    gate.enter(0);
    var admitted = new CopyOnWriteArrayList<Long>();
    var interrupted = caller(1L, gate, admitted);
    interrupted.start();
    await().atMost(5, TimeUnit.SECONDS).until(() -> gate.waiting() == 1);

    interrupted.interrupt();
    interrupted.join(5000);
    assertThat(gate.waiting()).isZero();
    gate.leave();

    // The one permit is free again: a new call runs at once.
    var next = caller(2L, gate, admitted);
    next.start();
    next.join(5000);
    assertThat(admitted).containsExactly(2L);
  }

  /** A thread that waits its turn at the gate, notes its order once admitted, and leaves. */
  private static Thread caller(long order, CallGate gate, List<Long> admitted) {
    return new Thread(
        () -> {
          try {
            gate.enter(order);
          } catch (InterruptedException e) {
            return;
          }
          admitted.add(order);
          gate.leave();
        });
  }
}
