package io.elbv2.operator.ingress;

import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.ResourceNames;
import java.util.ArrayList;
import java.util.List;

/**
 * The Go controller's names for a group's load balancer and managed security group: {@code
 * k8s-<namespace:8>-<name:8>-<hash:10>} for an implicit group, {@code k8s-<group:17>-<hash:10>} for
 * an explicit one, the hash over the cluster name and the group id first.
 */
final class AlbNames {

  private AlbNames() {}

  static String loadBalancer(IngressGroup group, String cluster, Scheme scheme) {
    return of(group, cluster, scheme.aws());
  }

  static String securityGroup(IngressGroup group, String cluster) {
    return of(group, cluster);
  }

  private static String of(IngressGroup group, String cluster, String... more) {
    var inputs = new ArrayList<>(List.of(cluster, group.id()));
    inputs.addAll(List.of(more));
    var hashInputs = inputs.toArray(String[]::new);
    if (!group.implicit()) {
      return ResourceNames.ofGroup(group.id(), hashInputs);
    }
    var slash = group.id().indexOf('/');
    return ResourceNames.of(
        group.id().substring(0, slash), group.id().substring(slash + 1), hashInputs);
  }
}
