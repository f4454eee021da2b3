package io.elbv2.operator.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.ResourceIDProvider;
import io.javaoperatorsdk.operator.processing.dependent.external.PollingDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.ExternalResourceCachingEventSource;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingConfiguration;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

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

  /**
   * The primary's objects in the cache by their key in the stack; one without a key, or a
   * duplicate, is keyed by its id, so that it goes as not wanted.
   */
  Map<String, R> byKey(P primary, Context<P> context, Function<R, String> key) {
    var found = new HashMap<String, R>();
    context
        .getSecondaryResourcesAsStream(resourceType())
        .sorted(Comparator.comparing(R::resourceId))
        .forEach(
            resource -> {
              var wanted = key.apply(resource);
              found.put(
                  wanted == null || found.containsKey(wanted) ? resource.resourceId() : wanted,
                  resource);
            });
    return found;
  }

  /** Drops a deleted object from the cache at once, before the next listing. */
  void forgetDeleted(P primary, String id) {
    eventSource()
        .map(PolledAwsResources.class::cast)
        .ifPresent(cache -> cache.deleted(ResourceID.fromResource(primary), id));
  }
}
