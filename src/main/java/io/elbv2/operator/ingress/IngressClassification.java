package io.elbv2.operator.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which Ingresses get an Application Load Balancer, as the Go controller decides: the annotation
 * {@value #CLASS_ANNOTATION}, when present, must equal the configured class; otherwise {@code
 * spec.ingressClassName}, or for an Ingress without one the cluster's default IngressClass (marked
 * {@value #DEFAULT_CLASS_ANNOTATION}), must be an IngressClass whose controller is {@value
 * #CONTROLLER}. Any other Ingress is left alone.
 *
 * @param ingressClass the configured class ({@code elbv2.ingress-class}, {@code alb} by default)
 */
public record IngressClassification(String ingressClass) {

  public static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  public static final String CONTROLLER = "ingress.k8s.aws/alb";
  public static final String DEFAULT_CLASS_ANNOTATION =
      "ingressclass.kubernetes.io/is-default-class";

  /**
   * @param classes the IngressClass of a name, as the cluster has it
   */
  public boolean concerns(Ingress ingress, Function<String, Optional<IngressClass>> classes) {
    return concerns(ingress, classes, List.of());
  }

  /**
   * @param allClasses every IngressClass of the cluster, for the default one
   */
  public boolean concerns(
      Ingress ingress,
      Function<String, Optional<IngressClass>> classes,
      Collection<IngressClass> allClasses) {
    var annotations = ingress.getMetadata().getAnnotations();
    var annotated = annotations == null ? null : annotations.get(CLASS_ANNOTATION);
    if (annotated != null) {
      return annotated.equals(ingressClass);
    }
    var named = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
    var className = named != null ? named : defaultClass(allClasses).orElse(null);
    return className != null
        && classes
            .apply(className)
            .map(c -> c.getSpec() != null && CONTROLLER.equals(c.getSpec().getController()))
            .orElse(false);
  }

  /** The cluster's default IngressClass, when exactly one is marked so. */
  static Optional<String> defaultClass(Collection<IngressClass> allClasses) {
    var defaults =
        allClasses.stream()
            .filter(
                c ->
                    c.getMetadata().getAnnotations() != null
                        && "true"
                            .equals(c.getMetadata().getAnnotations().get(DEFAULT_CLASS_ANNOTATION)))
            .map(c -> c.getMetadata().getName())
            .toList();
    return defaults.size() == 1 ? Optional.of(defaults.get(0)) : Optional.empty();
  }
}
