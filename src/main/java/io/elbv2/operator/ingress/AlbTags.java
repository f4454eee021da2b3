package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.TAGS;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.TagRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The tags of a group's objects, as the Go controller's {@code model_build_tags.go} makes them. */
final class AlbTags {

  private static final Set<String> RESERVED_PREFIXES = Set.of("elbv2.k8s.aws/", "ingress.k8s.aws/");

  private AlbTags() {}

  /**
   * The default tags and every member's {@value AlbAnnotations#TAGS} (the members must agree on a
   * key's value), with the ownership tags over them.
   */
  static Map<String, String> common(IngressGroup group, AlbContext context) {
    var annotated = new LinkedHashMap<String, String>();
    for (var member : group.members()) {
      var tags = GroupAnnotations.of(member.ingress()).keyValues(TAGS);
      TagRules.check(TAGS, tags, RESERVED_PREFIXES, context.externalManagedTags());
      tags.forEach(
          (key, value) -> {
            var other = annotated.putIfAbsent(key, value);
            if (other != null && !other.equals(value)) {
              throw new InvalidAnnotationException(
                  TAGS,
                  "the group's Ingresses give tag '"
                      + key
                      + "' both '"
                      + other
                      + "' and '"
                      + value
                      + "'");
            }
          });
    }
    return OwnershipTags.INGRESS.stackTags(
        context.clusterName(),
        group.id(),
        annotated,
        context.defaultTags(),
        context.defaultTagsLowPriority());
  }

  /** The common tags with the resource tag of one object. */
  static Map<String, String> withResource(Map<String, String> common, String resourceId) {
    return OwnershipTags.INGRESS.withResource(common, resourceId);
  }
}
