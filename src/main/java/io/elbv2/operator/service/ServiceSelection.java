package io.elbv2.operator.service;

import io.elbv2.operator.build.nlb.ServiceAnnotations;
import io.elbv2.operator.config.OperatorSettings;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which Services this operator serves, the way the AWS Load Balancer Controller does:
 * {@code type: LoadBalancer} with this operator's {@code spec.loadBalancerClass}, or without a
 * class and annotated {@code aws-load-balancer-type: external | nlb-ip} (and {@code nlb}, unless
 * that is left to the in-tree provider). A Service with another load balancer class is never
 * served, whatever its annotations.
 */
public final class ServiceSelection {

  public static final String FINALIZER = "service.k8s.aws/resources";
  private static final String LOAD_BALANCER = "LoadBalancer";

  private final String loadBalancerClass;
  private final boolean manageInTreeNlb;

  public ServiceSelection(String loadBalancerClass, boolean manageInTreeNlb) {
    this.loadBalancerClass = loadBalancerClass;
    this.manageInTreeNlb = manageInTreeNlb;
  }

  public static ServiceSelection of(OperatorSettings settings) {
    return new ServiceSelection(settings.loadBalancerClass(), settings.manageInTreeNlbServices());
  }

  /** Whether the Service asks this operator for a load balancer. */
  public boolean wantsLoadBalancer(Service service) {
    var spec = service.getSpec();
    if (spec == null || !LOAD_BALANCER.equals(spec.getType())) {
      return false;
    }
    if (spec.getLoadBalancerClass() != null) {
      return spec.getLoadBalancerClass().equals(loadBalancerClass);
    }
    Map<String, String> annotations = service.getMetadata().getAnnotations();
    var type = annotations == null ? null : annotations.get(ServiceAnnotations.LOAD_BALANCER_TYPE);
    if (type == null) {
      return false;
    }
    return switch (type.trim()) {
      case "external", "nlb-ip" -> true;
      case "nlb" -> manageInTreeNlb;
      default -> false;
    };
  }

  /**
   * Whether this operator must look at the Service: it wants a load balancer, or still holds what
   * was made for it. A Service of another load balancer class never was this operator's (the API
   * server refuses to change the class of a LoadBalancer Service, and drops it when the type
   * changes), so the finalizer it carries is another controller's even under the same name: the Go
   * controller's, or another installation's of this operator.
   */
  public boolean concerns(Service service) {
    return wantsLoadBalancer(service) || (holdsFinalizer(service) && !ofAnotherClass(service));
  }

  /** Whether the Service asks for a load balancer class other than this operator's. */
  boolean ofAnotherClass(Service service) {
    var spec = service.getSpec();
    return spec != null
        && spec.getLoadBalancerClass() != null
        && !spec.getLoadBalancerClass().equals(loadBalancerClass);
  }

  /**
   * Whether an update of a Service is worth a look: while it holds the finalizer, every update is;
   * without it, only a change of what a user writes (spec, labels, annotations) or its deletion, so
   * that the operator's own write of a refused Service's status and finalizer is not.
   */
  public static boolean changedForUs(Service newer, Service older) {
    return holdsFinalizer(newer)
        || newer.getMetadata().getDeletionTimestamp() != null
        || !Objects.equals(newer.getSpec(), older.getSpec())
        || !Objects.equals(newer.getMetadata().getLabels(), older.getMetadata().getLabels())
        || !Objects.equals(
            newer.getMetadata().getAnnotations(), older.getMetadata().getAnnotations());
  }

  public static boolean holdsFinalizer(Service service) {
    var finalizers = service.getMetadata().getFinalizers();
    return finalizers != null && finalizers.contains(FINALIZER);
  }
}
