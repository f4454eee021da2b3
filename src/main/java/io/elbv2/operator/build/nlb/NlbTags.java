package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.service.ServiceAnnotations.TAGS;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.TagRules;
import io.elbv2.operator.service.NlbContext;
import java.util.Map;
import java.util.Set;

/**
 * The tags of a Service's objects, as the Go controller's {@code model_build_tags.go} makes them.
 */
final class NlbTags {

  private static final Set<String> RESERVED_PREFIXES = Set.of("elbv2.k8s.aws/", "service.k8s.aws/");

  private NlbTags() {}

  /**
   * The default tags and the annotation's, with the ownership tags over both: the default tags win
   * over the annotation's unless the {@code EnableDefaultTagsLowPriority} gate is on, as in the Go
   * controller.
   */
  static Map<String, String> common(String stackId, Annotations annotations, NlbContext context) {
    var annotated = annotations.keyValues(TAGS);
    TagRules.check(TAGS, annotated, RESERVED_PREFIXES, context.externalManagedTags());
    return OwnershipTags.SERVICE.stackTags(
        context.clusterName(),
        stackId,
        annotated,
        context.defaultTags(),
        context.defaultTagsLowPriority());
  }

  /** The common tags with the resource tag of one object. */
  static Map<String, String> withResource(Map<String, String> common, String resourceId) {
    return OwnershipTags.SERVICE.withResource(common, resourceId);
  }
}
