package io.elbv2.operator.kubernetes;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most a set number of one controller's reconciliations run at once, and the others start in the
 * order they asked. A burst of objects then gets its first load balancers sooner, as a stream,
 * rather than every object sharing AWS's answers; where AWS answers fewer calls when fewer are in
 * flight, the whole burst takes longer (see bench/RESULTS.md).
 */
public final class ReconcileSlots {

  private final Semaphore slots;

  /** {@code slots} reconciliations at once; 0 for no limit but the framework's own. */
  public ReconcileSlots(int slots) {
    this.slots = slots == 0 ? null : new Semaphore(slots, true);
  }

  public <T> T run(Supplier<T> reconciliation) {
    if (slots == null) {
      return reconciliation.get();
    }
    slots.acquireUninterruptibly();
    try {
      return reconciliation.get();
    } finally {
      slots.release();
    }
  }
}
