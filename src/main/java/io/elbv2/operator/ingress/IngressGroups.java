package io.elbv2.operator.ingress;

import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which Ingresses make up each IngressGroup, read from the operator's cache of Ingresses, and which
 * of them reconciles the group: its <em>leader</em>, the oldest Ingress that is a member or still
 * holds the group's finalizer. All of a group's changes are reconciled by its leader, one at a
 * time, and the AWS objects of the group are kept under the leader's name.
 */
@Singleton
public class IngressGroups {

  private static final String BY_GROUP = "ingress-groups";
  private static final Comparator<Ingress> OLDEST_FIRST =
      Comparator.comparing((Ingress i) -> i.getMetadata().getCreationTimestamp())
          .thenComparing(i -> i.getMetadata().getNamespace())
          .thenComparing(i -> i.getMetadata().getName());

  private final IngressClassification classification;
  private volatile IndexedResourceCache<Ingress> ingresses;
  private volatile Function<String, Optional<IngressClass>> classes = name -> Optional.empty();
  private volatile Supplier<List<IngressClass>> allClasses = List::of;

  @jakarta.inject.Inject
  IngressGroups(OperatorSettings settings) {
    this(new IngressClassification(settings.ingressClass()));
  }

  IngressGroups(IngressClassification classification) {
    this.classification = classification;
  }

  /** Starts reading the controller's caches; called once, before they are filled. */
  void watch(
      IndexerResourceCache<Ingress> ingresses,
      Function<String, Optional<IngressClass>> classes,
      Supplier<List<IngressClass>> allClasses) {
    ingresses.addIndexer(BY_GROUP, ingress -> List.copyOf(groupsOf(ingress)));
    this.ingresses = ingresses;
    this.classes = classes;
    this.allClasses = allClasses;
  }

  /** Whether the Ingress asks for this operator's load balancer. */
  boolean concerns(Ingress ingress) {
    return classification.concerns(ingress, classes, allClasses.get());
  }

  /**
   * The group an Ingress of this operator's class is a member of: none while it is being deleted,
   * nor while it still holds the finalizer of a group it left (it joins once it is out of that one,
   * so that no Ingress is in two groups at once).
   *
   * @throws InvalidAnnotationException for a bad group name
   */
  Optional<String> groupOf(Ingress ingress) {
    if (ingress.getMetadata().getDeletionTimestamp() != null || !concerns(ingress)) {
      return Optional.empty();
    }
    var wanted = IngressGroup.idOf(ingress);
    var left = GroupFinalizers.heldBy(ingress);
    left.remove(wanted);
    return left.isEmpty() ? Optional.of(wanted) : Optional.empty();
  }

  /** The groups an Ingress is, asks to be or was a member of. */
  Set<String> groupsOf(Ingress ingress) {
    var groups = new LinkedHashSet<String>();
    try {
      groups.add(IngressGroup.idOf(ingress));
    } catch (InvalidAnnotationException e) {
      // Not a member of any group until the name is fixed.
    }
    groups.addAll(GroupFinalizers.heldBy(ingress));
    return groups;
  }

  /** The group's members: Ingresses of this operator's class naming it, not being deleted. */
  List<Ingress> members(String groupId) {
    var members = new ArrayList<Ingress>();
    for (var ingress : related(groupId)) {
      try {
        if (groupOf(ingress).filter(groupId::equals).isPresent()) {
          members.add(ingress);
        }
      } catch (InvalidAnnotationException e) {
        // Not a member.
      }
    }
    return members;
  }

  /** Ingresses that hold the group's finalizer but are no longer its members. */
  List<Ingress> leaving(String groupId) {
    var members = members(groupId);
    return related(groupId).stream()
        .filter(ingress -> GroupFinalizers.heldBy(ingress).contains(groupId))
        .filter(ingress -> !members.contains(ingress))
        .toList();
  }

  /** The Ingress that reconciles the group, if any Ingress is or was in it. */
  Optional<ResourceID> leaderOf(String groupId) {
    var members = members(groupId);
    return related(groupId).stream()
        .filter(
            ingress ->
                members.contains(ingress) || GroupFinalizers.heldBy(ingress).contains(groupId))
        .min(OLDEST_FIRST)
        .map(ResourceID::fromResource);
  }

  /** Whether any Ingress outside the group is served by this operator or asks to be. */
  boolean anyServedBesides(String groupId) {
    var cache = ingresses;
    return cache != null
        && cache
            .list(
                ingress ->
                    (concerns(ingress) || !GroupFinalizers.heldBy(ingress).isEmpty())
                        && !groupsOf(ingress).contains(groupId))
            .findAny()
            .isPresent();
  }

  private List<Ingress> related(String groupId) {
    var cache = ingresses;
    return cache == null ? List.of() : cache.byIndex(BY_GROUP, groupId);
  }
}
