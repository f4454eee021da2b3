package io.elbv2.operator.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.HashMap;

/**
 * What the informer caches keep of the objects they hold. Not the API server's bookkeeping ({@code
 * managedFields}, kubectl's last-applied copy), which the operator never reads; and of a Node only
 * what makes it a target (labels, spec, conditions), not its image list, capacity or addresses. The
 * operator never writes a cached object back: edits read the object from the API server, status and
 * finalizers are patched.
 *
 * <p>Not for the caches of objects the operator applies server-side (its TargetGroupBindings): the
 * framework compares them with what it wants through their {@code managedFields}.
 */
public final class CachedObjects {

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private CachedObjects() {}

  /** A cache that keeps objects without their bookkeeping. */
  public static <R extends HasMetadata> ItemStore<R> trimmed() {
    return new TransformingItemStore<>(CachedObjects::withoutBookkeeping);
  }

  /** A cache that keeps Nodes with only what decides whether they are targets. */
  public static ItemStore<Node> nodes() {
    return new TransformingItemStore<>(node -> withoutInventory(withoutBookkeeping(node)));
  }

  static <R extends HasMetadata> R withoutBookkeeping(R object) {
    var metadata = object.getMetadata();
    metadata.setManagedFields(null);
    var annotations = metadata.getAnnotations();
    if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
      var kept = new HashMap<>(annotations);
      kept.remove(LAST_APPLIED);
      metadata.setAnnotations(kept);
    }
    return object;
  }

  static Node withoutInventory(Node node) {
    if (node.getStatus() != null) {
      var status = new NodeStatus();
      status.setConditions(node.getStatus().getConditions());
      node.setStatus(status);
    }
    return node;
  }
}
