package io.elbv2.operator.build;

import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.TagRules;
import java.util.Map;
import java.util.Set;

/**
 * The tags of one kind of stack's objects, as the Go controller's {@code model_build_tags.go} makes
 * them for Services and Ingresses alike.
 *
 * @param kind the ownership tags of the kind of stack
 * @param externalManagedTags tag keys managed outside the operator, refused in annotations
 * @param defaultsLowPriority the {@code EnableDefaultTagsLowPriority} feature gate
 */
public record StackTags(
    OwnershipTags kind,
    String cluster,
    Map<String, String> defaults,
    Set<String> externalManagedTags,
    boolean defaultsLowPriority) {

  /** The prefix of the cluster tag, which the operator writes on every kind of stack. */
  private static final String CLUSTER_PREFIX = "elbv2.k8s.aws/";

  /**
   * The tags an annotation asks for, checked by {@link TagRules}: keys under the cluster tag's
   * prefix and the kind's own are the operator's.
   */
  public Map<String, String> checked(String annotation, Map<String, String> asked) {
    TagRules.check(
        annotation, asked, Set.of(CLUSTER_PREFIX, kind.prefix() + "/"), externalManagedTags);
    return asked;
  }

  /**
   * The default tags and the asked ones, with the ownership tags over both: the default tags win
   * over the asked ones unless {@link #defaultsLowPriority}, as in the Go controller.
   */
  public Map<String, String> common(String stackId, Map<String, String> asked) {
    return kind.stackTags(cluster, stackId, asked, defaults, defaultsLowPriority);
  }
}
