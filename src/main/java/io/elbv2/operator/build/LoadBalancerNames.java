package io.elbv2.operator.build;

import io.elbv2.operator.model.ResourceNames;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A load balancer's name: the one a user asks for, checked as AWS checks it, or else the Go
 * controller's. AWS cannot rename a load balancer, so a later change of what the generated name is
 * made of keeps the old one.
 */
public final class LoadBalancerNames {

  private LoadBalancerNames() {}

  /**
   * @param annotation where the name is asked for, named in errors
   * @param generated the Go controller's name for the stack
   */
  public static String of(String annotation, Optional<String> asked, Supplier<String> generated) {
    return asked
        .map(name -> ResourceNames.askedLoadBalancerName(annotation, name))
        .orElseGet(generated);
  }
}
