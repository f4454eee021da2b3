package io.elbv2.operator.deploy;

import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.config.Lease;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.ResourceIDProvider;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingConfiguration;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingEventSource;
import java.util.ArrayList;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The cache of one kind of AWS object, filled by a periodic list of everything tagged for the
 * cluster. What the operator deletes is dropped at once, so that the rest of the reconciliation and
 * the next one do not act on it again before the next poll. A replica waiting for the leader lease
 * lists nothing; the one that wins it fills the cache before it reconciles anything.
 */
class PolledAwsResources<R extends ResourceIDProvider<String>, P extends HasMetadata>
    extends PollingEventSource<R, P, String> {

  private final Lease lease;
  private final AwsListingHealth health;
  private final String listing;

  PolledAwsResources(
      Class<R> type,
      PollingConfiguration<R, String> configuration,
      Lease lease,
      AwsListingHealth health) {
    super(type, configuration);
    this.lease = lease;
    this.health = health;
    this.listing = configuration.name();
    lease.whenAcquired(this::fill);
  }

  /**
   * A periodic listing AWS refuses or does not answer keeps the last one: the framework would
   * otherwise mark this source, and with it the operator's readiness, down until a listing
   * succeeds.
   */
  @Override
  protected synchronized void getStateAndFillCache() {
    if (!lease.held()) {
      return;
    }
    try {
      super.getStateAndFillCache();
      health.succeeded(listing);
    } catch (SdkException e) {
      health.failed(listing, e);
    }
  }

  /** The first listing after the lease is won; the lease tries it again until it succeeds. */
  private void fill() {
    try {
      super.getStateAndFillCache();
      health.succeeded(listing);
    } catch (SdkException e) {
      health.failed(listing, e);
      throw e;
    }
  }

  /** Every cached object, whatever primary it is filed under. */
  synchronized Stream<R> all() {
    return cache.values().stream().flatMap(objects -> objects.values().stream()).toList().stream();
  }

  /**
   * Drops a deleted object, from under the primary that deleted it or, when the last listing filed
   * it under another (a group's former leader), from there.
   */
  synchronized void deleted(ResourceID primary, String arn) {
    var holders = new ArrayList<ResourceID>();
    if (cache.containsKey(primary)) {
      holders.add(primary);
    }
    cache.forEach(
        (holder, objects) -> {
          if (!holder.equals(primary) && objects.containsKey(arn)) {
            holders.add(holder);
          }
        });
    for (var holder : holders) {
      var cached = cache.get(holder);
      cached.remove(arn);
      if (cached.isEmpty()) {
        cache.remove(holder);
      }
    }
  }
}
