package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.ACCESS_LOG_BUCKET;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.ACCESS_LOG_ENABLED;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.ACCESS_LOG_PREFIX;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.ATTRIBUTES;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.CROSS_ZONE;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.INTERNAL;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.IP_ADDRESS_TYPE;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.NAME;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.SCHEME;

import io.elbv2.operator.build.LoadBalancerNames;
import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.ResourceNames;
import io.fabric8.kubernetes.api.model.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Service's Network Load Balancer, as the Go controller's {@code model_build_load_balancer.go}
 * builds it: its scheme, address type, name, subnets ({@link NlbSubnets}) and attributes.
 */
final class NlbLoadBalancer {

  private static final Set<String> ATTRIBUTE_KEYS =
      Set.of(
          "access_logs.s3.enabled",
          "access_logs.s3.bucket",
          "access_logs.s3.prefix",
          "deletion_protection.enabled",
          "load_balancing.cross_zone.enabled",
          "ipv6.deny_all_igw_traffic",
          "dns_record.client_routing_policy",
          "zonal_shift.config.enabled");

  /** The attributes above that AWS takes only {@code true} or {@code false} for. */
  private static final Set<String> BOOLEAN_ATTRIBUTE_KEYS =
      Set.of(
          "access_logs.s3.enabled",
          "deletion_protection.enabled",
          "load_balancing.cross_zone.enabled",
          "ipv6.deny_all_igw_traffic",
          "zonal_shift.config.enabled");

  private NlbLoadBalancer() {}

  static Scheme scheme(Annotations annotations) {
    var internal = annotations.bool(INTERNAL);
    if (internal.isPresent()) {
      return internal.get() ? Scheme.INTERNAL : Scheme.INTERNET_FACING;
    }
    // The in-tree provider made internet-facing NLBs for `nlb`; Services moving over keep that
    // default.
    var inTree =
        annotations.string(ServiceAnnotations.LOAD_BALANCER_TYPE).filter("nlb"::equals).isPresent();
    var value =
        annotations.oneOf(
            SCHEME, Set.of("internal", "internet-facing"), inTree ? "internet-facing" : "internal");
    return value.equals("internal") ? Scheme.INTERNAL : Scheme.INTERNET_FACING;
  }

  static IpAddressType ipAddressType(Annotations annotations) {
    return IpAddressType.valueOf(
        annotations.oneOf(IP_ADDRESS_TYPE, Set.of("ipv4", "dualstack"), "ipv4").toUpperCase());
  }

  /**
   * @param securityGroups the groups the user names, or none: the stack's own group is added to the
   *     load balancer when it is made
   */
  static LoadBalancerSpec build(
      Service service,
      Annotations annotations,
      NlbContext context,
      Scheme scheme,
      IpAddressType ipAddressType,
      List<String> securityGroups,
      Map<String, String> commonTags) {
    return new LoadBalancerSpec(
        name(service, annotations, context, scheme),
        LoadBalancerSpec.Type.NETWORK,
        scheme,
        ipAddressType,
        NlbSubnets.of(annotations, scheme, context),
        securityGroups,
        attributes(annotations),
        NlbTags.withResource(commonTags, "LoadBalancer"));
  }

  /**
   * The name the Service asks for, or the Go controller's: a hash of the cluster, the Service's UID
   * and the scheme.
   */
  private static String name(
      Service service, Annotations annotations, NlbContext context, Scheme scheme) {
    var meta = service.getMetadata();
    return LoadBalancerNames.of(
        NAME,
        annotations.string(NAME),
        () ->
            ResourceNames.of(
                meta.getNamespace(),
                meta.getName(),
                context.clusterName(),
                meta.getUid() == null ? "" : meta.getUid(),
                scheme.aws()));
  }

  /**
   * The attributes annotation, under the deprecated access log and cross-zone annotations, which
   * win where both set a key, as in the Go controller.
   */
  private static Map<String, String> attributes(Annotations annotations) {
    var attributes = new LinkedHashMap<>(annotations.keyValues(ATTRIBUTES));
    attributes.keySet().stream()
        .filter(key -> !ATTRIBUTE_KEYS.contains(key))
        .findFirst()
        .ifPresent(
            key -> {
              throw new InvalidAnnotationException(
                  ATTRIBUTES, "'" + key + "' is not a Network Load Balancer attribute");
            });
    attributes.forEach(
        (key, value) -> {
          if (BOOLEAN_ATTRIBUTE_KEYS.contains(key) && !Set.of("true", "false").contains(value)) {
            throw new InvalidAnnotationException(
                ATTRIBUTES, "'" + key + "' must be true or false, not '" + value + "'");
          }
        });
    if (annotations.bool(ACCESS_LOG_ENABLED).orElse(false)) {
      attributes.put("access_logs.s3.enabled", "true");
      annotations
          .string(ACCESS_LOG_BUCKET)
          .ifPresent(b -> attributes.put("access_logs.s3.bucket", b));
      annotations
          .string(ACCESS_LOG_PREFIX)
          .ifPresent(p -> attributes.put("access_logs.s3.prefix", p));
    }
    annotations
        .bool(CROSS_ZONE)
        .ifPresent(on -> attributes.put("load_balancing.cross_zone.enabled", on.toString()));
    return attributes;
  }
}
