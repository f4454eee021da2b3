package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.TAGS;

import io.elbv2.operator.build.StackTags;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.OwnershipTags;
import java.util.LinkedHashMap;
import java.util.Map;

/** The tags of a group's objects, as the Go controller's {@code model_build_tags.go} makes them. */
final class AlbTags {

  private AlbTags() {}

  /**
   * The default tags and every member's {@value AlbAnnotations#TAGS} (the members must agree on a
   * key's value), with the ownership tags over them.
   */
  static Map<String, String> common(IngressGroup group, AlbContext context) {
    var stackTags =
        new StackTags(
            OwnershipTags.INGRESS,
            context.clusterName(),
            context.defaultTags(),
            context.externalManagedTags(),
            context.defaultTagsLowPriority());
    var annotated = new LinkedHashMap<String, String>();
    for (var member : group.members()) {
      var tags = stackTags.checked(TAGS, member.settings().tags());
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
    return stackTags.common(group.id(), annotated);
  }

  /** The common tags with the resource tag of one object. */
  static Map<String, String> withResource(Map<String, String> common, String resourceId) {
    return OwnershipTags.INGRESS.withResource(common, resourceId);
  }
}
