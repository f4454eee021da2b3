package io.elbv2.operator.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * When each object of a namespace was first seen with an address, through a watch started before
 * the objects are made: an address set while the rest of a burst is still being created counts from
 * when it was set, not from when the last object was created.
 */
final class AddressWatch<T extends HasMetadata> implements AutoCloseable {

  private final Function<T, String> address;
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private final SharedIndexInformer<T> informer;

  AddressWatch(Informable<T> objects, Function<T, String> address) {
    this.address = address;
    this.informer =
        objects.inform(
            new ResourceEventHandler<T>() {
              @Override
              public void onAdd(T object) {
                note(object);
              }

              @Override
              public void onUpdate(T old, T object) {
                note(object);
              }

              @Override
              public void onDelete(T object, boolean unknownFinalState) {}
            });
  }

  private void note(T object) {
    if (address.apply(object) != null) {
      firstSeen.putIfAbsent(object.getMetadata().getName(), System.nanoTime());
    }
  }

  /** Milliseconds from each object's creation to its address, sorted, once all have one. */
  List<Long> awaitLatencies(Map<String, Long> createdAt) {
    await()
        .atMost(Duration.ofMinutes(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> firstSeen.keySet().containsAll(createdAt.keySet()));
    return createdAt.entrySet().stream()
        .map(created -> (firstSeen.get(created.getKey()) - created.getValue()) / 1_000_000)
        .sorted()
        .toList();
  }

  @Override
  public void close() {
    informer.close();
  }
}
