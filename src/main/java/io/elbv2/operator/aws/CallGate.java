package io.elbv2.operator.aws;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets at most {@code limit} calls run at once; when more wait, admits the one with the lowest
 * order first (ties: the one that came first).
 */
final class CallGate {

  private final int limit;
  private final ReentrantLock lock = new ReentrantLock();
  private final PriorityQueue<Waiter> waiting =
      new PriorityQueue<>(
          Comparator.comparingLong(Waiter::order).thenComparingLong(Waiter::arrival));
  private int running;
  private long arrivals;

  CallGate(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.limit = limit;
  }

  /** Waits until this call may run. */
  void enter(long order) throws InterruptedException {
    lock.lock();
    try {
      if (running < limit && waiting.isEmpty()) {
        running++;
        return;
      }
      var waiter = new Waiter(order, arrivals++, lock.newCondition());
      waiting.add(waiter);
      try {
        while (!waiter.admitted) {
          waiter.turn.await();
        }
      } catch (InterruptedException e) {
        if (waiter.admitted) {
          leaveLocked();
        } else {
          waiting.remove(waiter);
        }
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** A call that {@link #enter entered} is done. */
  void leave() {
    lock.lock();
    try {
      leaveLocked();
    } finally {
      lock.unlock();
    }
  }

  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  private void leaveLocked() {
    running--;
    while (running < limit && !waiting.isEmpty()) {
      var next = waiting.poll();
      next.admitted = true;
      running++;
      next.turn.signal();
    }
  }

  private static final class Waiter {
    private final long order;
    private final long arrival;
    private final Condition turn;
    private boolean admitted;

    Waiter(long order, long arrival, Condition turn) {
      this.order = order;
      this.arrival = arrival;
      this.turn = turn;
    }

    long order() {
      return order;
    }

    long arrival() {
      return arrival;
    }
  }
}
