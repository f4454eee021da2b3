package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.TAGS;

import io.elbv2.operator.build.StackTags;
import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.OwnershipTags;
import java.util.Map;

/**
 * The tags of a Service's objects, as the Go controller's {@code model_build_tags.go} makes them.
 */
final class NlbTags {

  private NlbTags() {}

  /**
   * The default tags and the annotation's, with the ownership tags over both: the default tags win
   * over the annotation's unless the {@code EnableDefaultTagsLowPriority} gate is on, as in the Go
   * controller.
   */
  static Map<String, String> common(String stackId, Annotations annotations, NlbContext context) {
    var tags =
        new StackTags(
            OwnershipTags.SERVICE,
            context.clusterName(),
            context.defaultTags(),
            context.externalManagedTags(),
            context.defaultTagsLowPriority());
    return tags.common(stackId, tags.checked(TAGS, annotations.keyValues(TAGS)));
  }

  /** The common tags with the resource tag of one object. */
  static Map<String, String> withResource(Map<String, String> common, String resourceId) {
    return OwnershipTags.SERVICE.withResource(common, resourceId);
  }
}
