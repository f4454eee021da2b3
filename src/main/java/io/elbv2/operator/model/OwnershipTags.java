package io.elbv2.operator.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tags and labels that mark what the operator owns, as the Go controller writes them: the
 * cluster tag, plus a stack tag and a resource tag under the stack kind's prefix ({@code
 * service.k8s.aws}, {@code ingress.k8s.aws}), and on TargetGroupBindings the stack's namespace and
 * name as labels, or only its name for a stack of no namespace (an explicit IngressGroup).
 *
 * @param prefix the stack kind's key prefix
 */
public record OwnershipTags(String prefix) {

  public static final String CLUSTER = "elbv2.k8s.aws/cluster";
  public static final OwnershipTags SERVICE = new OwnershipTags("service.k8s.aws");
  public static final OwnershipTags INGRESS = new OwnershipTags("ingress.k8s.aws");

  public String stackKey() {
    return prefix + "/stack";
  }

  public String resourceKey() {
    return prefix + "/resource";
  }

  public String stackNamespaceLabel() {
    return prefix + "/stack-namespace";
  }

  public String stackNameLabel() {
    return prefix + "/stack-name";
  }

  /** The labels of a binding of the stack {@code <namespace>/<name>}, or {@code <name>}. */
  public Map<String, String> bindingLabels(String stackId) {
    var slash = stackId.indexOf('/');
    return slash < 0
        ? Map.of(stackKey(), stackId)
        : Map.of(
            stackNamespaceLabel(),
            stackId.substring(0, slash),
            stackNameLabel(),
            stackId.substring(slash + 1));
  }

  /** The stack a binding belongs to, from its labels. */
  public Optional<String> stackIdOf(Map<String, String> labels) {
    if (labels == null) {
      return Optional.empty();
    }
    var namespace = labels.get(stackNamespaceLabel());
    var name = labels.get(stackNameLabel());
    if (namespace != null && name != null) {
      return Optional.of(namespace + "/" + name);
    }
    return Optional.ofNullable(labels.get(stackKey()));
  }

  /**
   * The tags every object of the stack carries: the user's and the default tags, the default ones
   * winning unless {@code defaultsLowPriority} (the {@code EnableDefaultTagsLowPriority} gate), as
   * in the Go controller, and the cluster and stack tags over both.
   */
  public Map<String, String> stackTags(
      String cluster,
      String stackId,
      Map<String, String> annotated,
      Map<String, String> defaults,
      boolean defaultsLowPriority) {
    var tags = new LinkedHashMap<String, String>();
    tags.putAll(defaultsLowPriority ? defaults : annotated);
    tags.putAll(defaultsLowPriority ? annotated : defaults);
    tags.put(CLUSTER, cluster);
    tags.put(stackKey(), stackId);
    return tags;
  }

  /** The stack's tags with the resource tag of one of its objects. */
  public Map<String, String> withResource(Map<String, String> stackTags, String resourceId) {
    var tags = new LinkedHashMap<>(stackTags);
    tags.put(resourceKey(), resourceId);
    return tags;
  }
}
