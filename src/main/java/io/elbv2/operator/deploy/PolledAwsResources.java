package io.elbv2.operator.deploy;

import io.elbv2.operator.config.Lease;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.ResourceIDProvider;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingConfiguration;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingEventSource;

/**
 * The cache of one kind of AWS object, filled by a periodic list of everything tagged for the
 * cluster. What the operator deletes is dropped at once, so that the rest of the reconciliation and
 * the next one do not act on it again before the next poll. A replica waiting for the leader lease
 * lists nothing; the one that wins it fills the cache before it reconciles anything.
 */
class PolledAwsResources<R extends ResourceIDProvider<String>, P extends HasMetadata>
    extends PollingEventSource<R, P, String> {

  private final Lease lease;

  PolledAwsResources(Class<R> type, PollingConfiguration<R, String> configuration, Lease lease) {
    super(type, configuration);
    this.lease = lease;
    lease.whenAcquired(this::fill);
  }

  @Override
  protected synchronized void getStateAndFillCache() {
    if (lease.held()) {
      super.getStateAndFillCache();
    }
  }

  private void fill() {
    super.getStateAndFillCache();
  }

  synchronized void deleted(ResourceID primary, String arn) {
    var cached = cache.get(primary);
    if (cached != null) {
      cached.remove(arn);
      if (cached.isEmpty()) {
        cache.remove(primary);
      }
    }
  }
}
