package io.elbv2.operator.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDProvider;
import io.javaoperatorsdk.operator.processing.dependent.external.PollingDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.ExternalResourceCachingEventSource;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingConfiguration;
import java.time.Duration;

/**
 * An AWS object kind kept in a {@link PolledAwsResources} cache: one periodic listing of the whole
 * cluster's objects of that kind, indexed by the Kubernetes object they belong to.
 */
abstract class PolledAwsDependent<R extends ResourceIDProvider<String>, P extends HasMetadata>
    extends PollingDependentResource<R, P, String> {

  PolledAwsDependent(Class<R> type, Duration resyncPeriod) {
    super(type, resyncPeriod);
  }

  @Override
  protected ExternalResourceCachingEventSource<R, P, String> createEventSource(
      EventSourceContext<P> context) {
    return new PolledAwsResources<>(
        resourceType(),
        new PollingConfiguration<>(name(), this, getPollingPeriod(), resourceIDMapper()));
  }

  /** Drops a deleted object from the cache at once, before the next listing. */
  void forgetDeleted(P primary, String id) {
    eventSource()
        .map(PolledAwsResources.class::cast)
        .ifPresent(cache -> cache.deleted(ResourceID.fromResource(primary), id));
  }
}
