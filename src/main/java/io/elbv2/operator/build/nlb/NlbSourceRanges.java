package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.SOURCE_RANGES;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.Cidrs;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;

/**
 * The ranges a Service lets reach its load balancer: {@code spec.loadBalancerSourceRanges}, or else
 * the {@value io.elbv2.operator.build.nlb.ServiceAnnotations#SOURCE_RANGES} annotation, checked as
 * the API server checks the field.
 *
 * @param source the field or annotation they come from, named in errors
 */
record NlbSourceRanges(List<String> cidrs, String source) {

  static NlbSourceRanges of(Service service, Annotations annotations) {
    var ranges = service.getSpec().getLoadBalancerSourceRanges();
    if (ranges != null && !ranges.isEmpty()) {
      return new NlbSourceRanges(List.copyOf(ranges), "spec.loadBalancerSourceRanges");
    }
    var annotated = annotations.list(SOURCE_RANGES);
    for (var cidr : annotated) {
      if (!Cidrs.valid(cidr)) {
        throw new InvalidAnnotationException(SOURCE_RANGES, "'" + cidr + "' is not a CIDR block");
      }
    }
    return new NlbSourceRanges(annotated, SOURCE_RANGES);
  }
}
