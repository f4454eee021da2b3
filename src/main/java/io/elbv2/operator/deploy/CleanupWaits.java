package io.elbv2.operator.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How long each object has been waiting for AWS to delete what was made for it, and when to look
 * again: 2 s after the first refusal, twice as long after each next one up to the controller's cap,
 * and forgotten once the object's cleanup is done. A look that still finds the deletion refused
 * more than a minute after the first asks for a warning, so that users learn what blocks it: at
 * most one per look, and the looks grow apart.
 */
@ApplicationScoped
public class CleanupWaits {

  static final Duration FIRST_DELAY = Duration.ofSeconds(2);
  static final Duration WARN_AFTER = Duration.ofMinutes(1);

  /**
   * One more look that found the deletion refused.
   *
   * @param delay how long until the next look
   * @param waited since the first look that found it refused
   * @param warn whether to say what blocks the deletion
   */
  public record Step(Duration delay, Duration waited, boolean warn) {}

  private record Wait(long sinceNanos, Duration delay) {}

  private final Map<String, Wait> waits = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  @Inject
  public CleanupWaits() {
    this(System::nanoTime);
  }

  CleanupWaits(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  public Step waiting(HasMetadata object, Duration cap) {
    return waiting(key(object), cap);
  }

  /** Records one more refused look for what {@code key} names (an object, an IngressGroup). */
  public Step waiting(String key, Duration cap) {
    var now = nanoTime.getAsLong();
    var wait =
        waits.compute(
            key,
            (k, before) ->
                before == null
                    ? new Wait(now, shorter(FIRST_DELAY, cap))
                    : new Wait(before.sinceNanos(), shorter(before.delay().multipliedBy(2), cap)));
    var waited = Duration.ofNanos(now - wait.sinceNanos());
    return new Step(wait.delay(), waited, waited.compareTo(WARN_AFTER) > 0);
  }

  /** The object's cleanup finished, or it no longer waits: a next wait starts over. */
  public void done(HasMetadata object) {
    done(key(object));
  }

  public void done(String key) {
    waits.remove(key);
  }

  /** How many objects are waiting now. */
  int size() {
    return waits.size();
  }

  public static String key(HasMetadata object) {
    var meta = object.getMetadata();
    return object.getKind()
        + "/"
        + meta.getNamespace()
        + "/"
        + meta.getName()
        + "/"
        + meta.getUid();
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
