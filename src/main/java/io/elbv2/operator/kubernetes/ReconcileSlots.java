package io.elbv2.operator.kubernetes;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most a set number of one controller's reconciliations run at once, and the others start in the
 * order they asked. A burst of objects then gets its load balancers as a stream, the first ones
 * within seconds, instead of every object sharing AWS's answers until all are done late together.
 */
public final class ReconcileSlots {

  private final Semaphore slots;

  public ReconcileSlots(int slots) {
    this.slots = new Semaphore(slots, true);
  }

  public <T> T run(Supplier<T> reconciliation) {
    slots.acquireUninterruptibly();
    try {
      return reconciliation.get();
    } finally {
      slots.release();
    }
  }
}
