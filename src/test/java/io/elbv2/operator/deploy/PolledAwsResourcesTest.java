package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.config.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.processing.ResourceIDProvider;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache of a kind of AWS object, filled by listing, as a group's leader changes: what the last
 * listing filed under the former leader is seen, and forgotten once deleted, by the new one.
 */
class PolledAwsResourcesTest {

  record Listed(String id) implements ResourceIDProvider<String> {
    @Override
    public String resourceId() {
      return id;
    }
  }

  private static final ResourceID FORMER_LEADER = new ResourceID("first", "shop");
  private static final ResourceID NEW_LEADER = new ResourceID("second", "shop");

  @Test
  void objectsFiledUnderAnyPrimaryAreAllSeen() {
    var cache = listing(Map.of(FORMER_LEADER, Set.of(new Listed("tg-1"), new Listed("sg-1"))));

    assertThat(cache.all()).containsExactlyInAnyOrder(new Listed("tg-1"), new Listed("sg-1"));
  }

  @Test
  void aDeletionByTheNewLeaderForgetsWhatTheListingFiledUnderTheFormerOne() {
    var cache = listing(Map.of(FORMER_LEADER, Set.of(new Listed("tg-1"), new Listed("sg-1"))));

    cache.deleted(NEW_LEADER, "tg-1");

    assertThat(cache.all()).containsExactly(new Listed("sg-1"));
    assertThat(cache.getSecondaryResources(FORMER_LEADER)).containsExactly(new Listed("sg-1"));
  }

  @Test
  void aDeletionByThePrimaryItIsFiledUnderForgetsItThere() {
    var cache =
        listing(
            Map.of(
                FORMER_LEADER, Set.of(new Listed("tg-1")),
                NEW_LEADER, Set.of(new Listed("tg-2"))));

    cache.deleted(NEW_LEADER, "tg-2");

    assertThat(cache.all()).containsExactly(new Listed("tg-1"));
    assertThat(cache.getSecondaryResources(NEW_LEADER)).isEmpty();
  }

  private PolledAwsResources<Listed, Ingress> started;

  @AfterEach
  void stopListing() {
    started.stop();
  }

  private PolledAwsResources<Listed, Ingress> listing(Map<ResourceID, Set<Listed>> listed) {
    var cache =
        new PolledAwsResources<Listed, Ingress>(
            Listed.class,
            new PollingConfiguration<>("test", () -> listed, Duration.ofMinutes(2), Listed::id),
            new Lease(),
            new AwsListingHealth(new SimpleMeterRegistry(), null));
    cache.setEventHandler(event -> {});
    // Lists once, as the framework starts it, and again every period (here, not in the test).
    cache.start();
    started = cache;
    return cache;
  }
}
