package io.elbv2.operator.discovery;

import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import java.util.List;

/** The subnet look-ups a model builder needs; the AWS-backed one lives outside the model. */
public interface SubnetLookup {

  /** One subnet per availability zone, tagged for the scheme's role and this cluster. */
  List<String> discover(Scheme scheme);

  /** The subnets of ids or {@code Name} tags, in the given order. */
  List<NamedSubnet> resolve(List<String> idsOrNames);

  /** A subnet named in an annotation, with its availability zone for the Go controller's checks. */
  record NamedSubnet(String id, String zone) {}
}
