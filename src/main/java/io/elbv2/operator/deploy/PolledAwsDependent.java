package io.elbv2.operator.deploy;

import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.config.Lease;
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
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An AWS object kind kept in a {@link PolledAwsResources} cache: one periodic listing of the whole
 * cluster's objects of that kind, indexed by the Kubernetes object they belong to.
 */
abstract class PolledAwsDependent<R extends ResourceIDProvider<String>, P extends HasMetadata>
    extends PollingDependentResource<R, P, String> {

  private final String stackTagKey;
  private final Lease lease;
  private final AwsListingHealth health;

  PolledAwsDependent(
      Class<R> type, Duration resyncPeriod, Lease lease, AwsListingHealth health, StackKind kind) {
    super(type, resyncPeriod);
    this.stackTagKey = kind.tags().stackKey();
    this.lease = lease;
    this.health = health;
  }

  /** The tags an object carries in AWS. */
  abstract Map<String, String> tagsOf(R resource);

  /**
   * The objects of the stack being reconciled, when the reconciler named it, else the primary's. A
   * primary that reconciles several stacks in turn (an Ingress leaving one group for another) may
   * hold both stacks' objects in the cache until the next poll; each stack sees only its own.
   */
  Stream<R> ofStack(Context<P> context) {
    var stackId = StackReconciliation.stackId(context);
    if (stackId.isEmpty()) {
      return context.getSecondaryResourcesAsStream(resourceType());
    }
    // Whichever primary the last listing filed them under: a group's leader changes when the one
    // before it goes, and only the next listing files the group's objects under the new one.
    return eventSource().stream()
        .flatMap(cache -> ((PolledAwsResources<R, P>) cache).all())
        .filter(r -> stackId.get().equals(tagsOf(r).get(stackTagKey)));
  }

  /** Whether an object belongs to the stack being reconciled, when the reconciler named it. */
  Predicate<R> inStack(Context<P> context) {
    var stackId = StackReconciliation.stackId(context);
    return r -> stackId.isEmpty() || stackId.get().equals(tagsOf(r).get(stackTagKey));
  }

  @Override
  protected ExternalResourceCachingEventSource<R, P, String> createEventSource(
      EventSourceContext<P> context) {
    return new PolledAwsResources<>(
        resourceType(),
        new PollingConfiguration<>(name(), this, getPollingPeriod(), resourceIDMapper()),
        lease,
        health);
  }

  /**
   * The primary's objects in the cache by their key in the stack; one without a key, or a
   * duplicate, is keyed by its id, so that it goes as not wanted.
   */
  Map<String, R> byKey(P primary, Context<P> context, Function<R, String> key) {
    var found = new HashMap<String, R>();
    ofStack(context)
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

  /**
   * Puts an object just made into the cache at once, before the steps that follow its creation
   * (attributes, rules) and whether or not they succeed: a deletion that comes before the next
   * listing finds it and deletes it, rather than let the primary go and leave it behind.
   */
  void rememberCreated(P primary, R created) {
    eventSource()
        .ifPresent(
            cache -> cache.handleRecentResourceCreate(ResourceID.fromResource(primary), created));
  }

  /** Drops a deleted object from the cache at once, before the next listing. */
  void forgetDeleted(P primary, String id) {
    eventSource()
        .map(PolledAwsResources.class::cast)
        .ifPresent(cache -> cache.deleted(ResourceID.fromResource(primary), id));
  }
}
