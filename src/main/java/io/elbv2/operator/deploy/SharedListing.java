package io.elbv2.operator.deploy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A listing of every AWS object of one kind, shared by the callers that each need one begun after
 * some moment: the stacks of a burst, each looking for objects made for it since the last poll,
 * wait for one listing together instead of making one each.
 */
final class SharedListing<T> {

  private final Supplier<T> list;
  private Round<T> latest;

  SharedListing(Supplier<T> list) {
    this.list = list;
  }

  /**
   * A listing begun at or after {@code sinceNanos} ({@link System#nanoTime()}): the one in progress
   * or last made if it began late enough, otherwise a new one made by this caller.
   */
  T begunSince(long sinceNanos) {
    Round<T> round;
    boolean mine = false;
    synchronized (this) {
      if (latest == null || latest.began() - sinceNanos < 0) {
        latest = new Round<>(System.nanoTime(), new CompletableFuture<>());
        mine = true;
      }
      round = latest;
    }
    if (mine) {
      try {
        round.result().complete(list.get());
      } catch (RuntimeException | Error e) {
        synchronized (this) {
          if (latest == round) {
            latest = null;
          }
        }
        round.result().completeExceptionally(e);
        throw e;
      }
    }
    try {
      return round.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private record Round<T>(long began, CompletableFuture<T> result) {}
}
