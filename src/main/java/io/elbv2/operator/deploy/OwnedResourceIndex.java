package io.elbv2.operator.deploy;

import io.elbv2.operator.model.OwnershipTags;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * Groups load balancers or target groups by the Kubernetes object whose stack they belong to, from
 * their tags: {@code elbv2.k8s.aws/cluster} must name this cluster and the stack tag names the
 * object. One that has the name a stack wants is adopted by that stack when it is tagged for this
 * cluster only ({@link #adoptableByName}): AWS would refuse to make a second of that name. Tags are
 * read once per ARN: the ownership tags of an object never change, so a poll of an unchanged
 * account costs one describe call per page and no tag calls.
 *
 * <p>Tags the stack changes are written through {@link #retag}, which keeps them here; a tag
 * changed by hand outside the operator is seen again after a restart.
 *
 * <p>Before it makes an object, a dependent lists its kind again ({@link #indexSome}): one tagged
 * for the stack that no poll has seen yet (made by the Go controller moments ago, or by this
 * operator just before a crash) is adopted rather than duplicated.
 */
final class OwnedResourceIndex {

  static final int TAGS_PER_CALL = 20;

  private final ElasticLoadBalancingV2Client elbv2;
  private final String cluster;
  private final StackKind kind;
  private final Map<String, Map<String, String>> tagsByArn = new HashMap<>();

  OwnedResourceIndex(ElasticLoadBalancingV2Client elbv2, String cluster, StackKind kind) {
    this.elbv2 = elbv2;
    this.cluster = cluster;
    this.kind = kind;
  }

  /**
   * @param arnOf the ARN of one listed object
   * @param toResource the object with its tags, as the dependent keeps it
   */
  synchronized <A, R> Map<ResourceID, Set<R>> index(
      List<A> listed, Function<A, String> arnOf, BiFunction<A, Map<String, String>, R> toResource) {
    var arns = listed.stream().map(arnOf).toList();
    tagsByArn.keySet().retainAll(new HashSet<>(arns));
    return indexSome(listed, arnOf, toResource);
  }

  /** As {@link #index}, for a listing made outside the poll: tags of objects not listed stay. */
  synchronized <A, R> Map<ResourceID, Set<R>> indexSome(
      List<A> listed, Function<A, String> arnOf, BiFunction<A, Map<String, String>, R> toResource) {
    var arns = listed.stream().map(arnOf).toList();
    tagsByArn.putAll(
        readTags(elbv2, arns.stream().filter(arn -> !tagsByArn.containsKey(arn)).toList()));
    var byPrimary = new HashMap<ResourceID, Set<R>>();
    for (var resource : listed) {
      var tags = tagsByArn.getOrDefault(arnOf.apply(resource), Map.of());
      var stack = tags.get(kind.tags().stackKey());
      if (!cluster.equals(tags.get(OwnershipTags.CLUSTER)) || stack == null) {
        continue;
      }
      kind.primaryOf()
          .apply(stack)
          .ifPresent(
              primary ->
                  byPrimary
                      .computeIfAbsent(primary, p -> new HashSet<>())
                      .add(toResource.apply(resource, tags)));
    }
    return byPrimary;
  }

  /**
   * The tags of an object that has the name the stack wants but that no tag matched to it, when the
   * stack may adopt it: one tagged for this cluster and for no other stack (such as one the Go
   * controller made, or one whose stack tags were removed).
   *
   * @param what the object's kind, as the error names it
   * @throws NameTakenException when it is not this cluster's, or is another stack's
   */
  Map<String, String> adoptableByName(String what, String name, String arn, String stackId) {
    Map<String, String> tags;
    synchronized (this) {
      tags = tagsByArn.get(arn);
    }
    if (tags == null) {
      tags = readTags(elbv2, List.of(arn)).getOrDefault(arn, Map.of());
      remember(arn, tags);
    }
    if (!cluster.equals(tags.get(OwnershipTags.CLUSTER))) {
      throw new NameTakenException(
          what,
          name,
          "is not tagged " + OwnershipTags.CLUSTER + "=" + cluster + ", so not this cluster's");
    }
    var stack = tags.get(kind.tags().stackKey());
    if (stack != null && !stack.equals(stackId)) {
      throw new NameTakenException(what, name, "belongs to the stack " + stack);
    }
    return tags;
  }

  /** Tags the operator has just written (at creation or since), so no poll reads them again. */
  synchronized void remember(String arn, Map<String, String> tags) {
    tagsByArn.put(arn, Map.copyOf(tags));
  }

  /**
   * Writes tag changes to an object and keeps them for the next poll.
   *
   * @return the tags the object has now
   */
  Map<String, String> retag(String arn, Map<String, String> current, TagChanges changes) {
    writeTags(elbv2, arn, changes);
    var after = changes.appliedTo(current);
    remember(arn, after);
    return after;
  }

  /** The tags of each of these objects, {@value #TAGS_PER_CALL} objects per call. */
  static Map<String, Map<String, String>> readTags(
      ElasticLoadBalancingV2Client elbv2, List<String> arns) {
    var tagsByArn = new HashMap<String, Map<String, String>>();
    for (int start = 0; start < arns.size(); start += TAGS_PER_CALL) {
      var batch = arns.subList(start, Math.min(arns.size(), start + TAGS_PER_CALL));
      for (var description : elbv2.describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
        var tags = new HashMap<String, String>();
        description.tags().forEach(t -> tags.put(t.key(), t.value()));
        tagsByArn.put(description.resourceArn(), Map.copyOf(tags));
      }
    }
    return tagsByArn;
  }

  /** {@code AddTags} and {@code RemoveTags}, each only if it has something to do. */
  static void writeTags(ElasticLoadBalancingV2Client elbv2, String arn, TagChanges changes) {
    if (!changes.toAdd().isEmpty()) {
      elbv2.addTags(r -> r.resourceArns(arn).tags(tags(changes.toAdd())));
    }
    if (!changes.toRemove().isEmpty()) {
      elbv2.removeTags(r -> r.resourceArns(arn).tagKeys(changes.toRemove()));
    }
  }

  static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  static <T> List<T> all(Iterable<T> pages) {
    var all = new ArrayList<T>();
    pages.forEach(all::add);
    return all;
  }
}
