package io.elbv2.operator.model;

/**
 * The tags that mark what the operator owns in AWS, as the Go controller writes them: the cluster,
 * plus a stack tag and a resource tag whose keys depend on the kind of stack ({@code
 * service.k8s.aws/...}, {@code ingress.k8s.aws/...}).
 */
public record OwnershipTags(String stackKey, String resourceKey) {

  public static final String CLUSTER = "elbv2.k8s.aws/cluster";
  public static final OwnershipTags SERVICE =
      new OwnershipTags("service.k8s.aws/stack", "service.k8s.aws/resource");
}
