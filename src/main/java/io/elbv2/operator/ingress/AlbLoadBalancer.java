package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.IP_ADDRESS_TYPE;
import static io.elbv2.operator.ingress.AlbAnnotations.LOAD_BALANCER_ATTRIBUTES;
import static io.elbv2.operator.ingress.AlbAnnotations.LOAD_BALANCER_NAME;
import static io.elbv2.operator.ingress.AlbAnnotations.SCHEME;

import io.elbv2.operator.build.LoadBalancerNames;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The group's Application Load Balancer, as the Go controller's {@code
 * model_build_load_balancer.go} builds it: a scheme, address type, subnets, name and attributes the
 * members agree on.
 */
final class AlbLoadBalancer {

  private AlbLoadBalancer() {}

  static Scheme scheme(IngressGroup group) {
    var value = GroupAnnotations.agreed(group, SCHEME, IngressSettings::scheme, "internal");
    return value.equals("internal") ? Scheme.INTERNAL : Scheme.INTERNET_FACING;
  }

  static IpAddressType ipAddressType(IngressGroup group) {
    var value =
        GroupAnnotations.agreed(group, IP_ADDRESS_TYPE, IngressSettings::ipAddressType, "ipv4");
    return value.equals("ipv4") ? IpAddressType.IPV4 : IpAddressType.DUALSTACK;
  }

  static LoadBalancerSpec build(
      IngressGroup group,
      AlbContext context,
      Scheme scheme,
      IpAddressType ipAddressType,
      Map<String, String> commonTags) {
    return new LoadBalancerSpec(
        name(group, context, scheme),
        LoadBalancerSpec.Type.APPLICATION,
        scheme,
        ipAddressType,
        AlbSubnets.of(group, scheme, context),
        List.of(),
        attributes(group),
        AlbTags.withResource(commonTags, "LoadBalancer"));
  }

  private static String name(IngressGroup group, AlbContext context, Scheme scheme) {
    var asked = new TreeSet<String>();
    group.members().forEach(m -> m.settings().loadBalancerName().ifPresent(asked::add));
    if (asked.size() > 1) {
      throw new InvalidAnnotationException(
          LOAD_BALANCER_NAME, "the group's Ingresses ask for several names: " + asked);
    }
    return LoadBalancerNames.of(
        LOAD_BALANCER_NAME,
        asked.stream().findFirst(),
        () -> AlbNames.loadBalancer(group, context.clusterName(), scheme));
  }

  private static Map<String, String> attributes(IngressGroup group) {
    var attributes = new LinkedHashMap<String, String>();
    for (var member : group.members()) {
      member
          .settings()
          .loadBalancerAttributes()
          .forEach(
              (key, value) -> {
                var other = attributes.putIfAbsent(key, value);
                if (other != null && !other.equals(value)) {
                  throw new InvalidAnnotationException(
                      LOAD_BALANCER_ATTRIBUTES,
                      "the group's Ingresses set '"
                          + key
                          + "' to both '"
                          + other
                          + "' and '"
                          + value
                          + "'");
                }
              });
    }
    return attributes;
  }
}
