package io.elbv2.operator.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which Ingresses get an Application Load Balancer, as the Go controller decides: the annotation
 * {@value #CLASS_ANNOTATION}, when present, must equal the configured class; otherwise {@code
 * spec.ingressClassName} must name an IngressClass whose controller is {@value #CONTROLLER}. An
 * Ingress with neither is left alone.
 *
 * @param ingressClass the configured class ({@code elbv2.ingress-class}, {@code alb} by default)
 */
public record IngressClassification(String ingressClass) {

  public static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  public static final String CONTROLLER = "ingress.k8s.aws/alb";

  /**
   * @param classes the IngressClass of a name, as the cluster has it
   */
  public boolean concerns(Ingress ingress, Function<String, Optional<IngressClass>> classes) {
    var annotations = ingress.getMetadata().getAnnotations();
    var annotated = annotations == null ? null : annotations.get(CLASS_ANNOTATION);
    if (annotated != null) {
      return annotated.equals(ingressClass);
    }
    var className = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
    return className != null
        && classes
            .apply(className)
            .map(c -> c.getSpec() != null && CONTROLLER.equals(c.getSpec().getController()))
            .orElse(false);
  }
}
