package io.elbv2.operator.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;

/**
 * The listeners each load balancer had when its stack was last reconciled, so that the poll can
 * tell, with one describe call per {@value #ARNS_PER_CALL} listeners for the whole cluster, whether
 * one was deleted by hand since. Filled from what AWS answered during reconciliations: after a
 * restart it is empty until every stack has been reconciled once, which a restart does anyway.
 *
 * <p>It also keeps each listener's tags, read once per ARN and updated as the operator writes them,
 * so that keeping them as the stack wants costs no call while they are.
 */
final class KnownListeners {

  static final int ARNS_PER_CALL = 20;

  private final ElasticLoadBalancingV2Client elbv2;
  private final Map<String, Set<String>> byLoadBalancer = new HashMap<>();
  private final Map<String, Map<String, String>> tagsByListener = new HashMap<>();

  KnownListeners(ElasticLoadBalancingV2Client elbv2) {
    this.elbv2 = elbv2;
  }

  /** The load balancer has exactly these listeners now. */
  synchronized void seen(String loadBalancerArn, Collection<String> listenerArns) {
    var before = byLoadBalancer.put(loadBalancerArn, new HashSet<>(listenerArns));
    if (before != null) {
      before.removeAll(listenerArns);
      tagsByListener.keySet().removeAll(before);
    }
  }

  /**
   * @param tags the tags it was made with
   */
  synchronized void added(String loadBalancerArn, String listenerArn, Map<String, String> tags) {
    byLoadBalancer.computeIfAbsent(loadBalancerArn, lb -> new HashSet<>()).add(listenerArn);
    tagsByListener.put(listenerArn, Map.copyOf(tags));
  }

  synchronized void removed(String loadBalancerArn, String listenerArn) {
    var known = byLoadBalancer.get(loadBalancerArn);
    if (known != null) {
      known.remove(listenerArn);
    }
    tagsByListener.remove(listenerArn);
  }

  /** The tags of each of these listeners, read from AWS only for those not read or written yet. */
  Map<String, Map<String, String>> tags(Collection<String> listenerArns) {
    List<String> unknown;
    synchronized (this) {
      unknown = listenerArns.stream().filter(arn -> !tagsByListener.containsKey(arn)).toList();
    }
    var read = OwnedResourceIndex.readTags(elbv2, unknown);
    var tags = new HashMap<String, Map<String, String>>();
    synchronized (this) {
      tagsByListener.putAll(read);
      listenerArns.forEach(arn -> tags.put(arn, tagsByListener.getOrDefault(arn, Map.of())));
    }
    return tags;
  }

  /**
   * Writes tag changes to a listener and keeps them.
   *
   * @return the tags the listener has now
   */
  Map<String, String> retag(String listenerArn, Map<String, String> current, TagChanges changes) {
    OwnedResourceIndex.writeTags(elbv2, listenerArn, changes);
    var after = changes.appliedTo(current);
    synchronized (this) {
      tagsByListener.put(listenerArn, after);
    }
    return after;
  }

  /**
   * Forgets load balancers that are gone, and returns those of {@code listed} one of whose known
   * listeners AWS no longer has.
   */
  Set<String> missingListeners(Collection<String> listed) {
    var owner = new HashMap<String, String>();
    synchronized (this) {
      byLoadBalancer.keySet().retainAll(new HashSet<>(listed));
      byLoadBalancer.forEach((lb, listeners) -> listeners.forEach(l -> owner.put(l, lb)));
      tagsByListener.keySet().retainAll(owner.keySet());
    }
    var arns = new ArrayList<>(owner.keySet());
    var incomplete = new HashSet<String>();
    for (int start = 0; start < arns.size(); start += ARNS_PER_CALL) {
      for (var gone : gone(arns.subList(start, Math.min(arns.size(), start + ARNS_PER_CALL)))) {
        incomplete.add(owner.get(gone));
      }
    }
    return incomplete;
  }

  /** Which of these listeners AWS no longer has. */
  private List<String> gone(List<String> batch) {
    try {
      var present =
          elbv2.describeListeners(r -> r.listenerArns(batch)).listeners().stream()
              .map(Listener::listenerArn)
              .toList();
      return batch.stream().filter(arn -> !present.contains(arn)).toList();
    } catch (ListenerNotFoundException someGone) {
      // AWS names none of the missing ones: ask for each of this batch alone.
      return batch.size() == 1
          ? batch
          : batch.stream().filter(arn -> !gone(List.of(arn)).isEmpty()).toList();
    }
  }
}
