package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.CERTIFICATE_ARN;
import static io.elbv2.operator.ingress.AlbAnnotations.INBOUND_CIDRS;
import static io.elbv2.operator.ingress.AlbAnnotations.IP_ADDRESS_TYPE;
import static io.elbv2.operator.ingress.AlbAnnotations.LOAD_BALANCER_ATTRIBUTES;
import static io.elbv2.operator.ingress.AlbAnnotations.LOAD_BALANCER_NAME;
import static io.elbv2.operator.ingress.AlbAnnotations.SCHEME;
import static io.elbv2.operator.ingress.AlbAnnotations.SSL_POLICY;
import static io.elbv2.operator.ingress.AlbAnnotations.SSL_REDIRECT;
import static io.elbv2.operator.ingress.AlbAnnotations.SUBNETS;
import static io.elbv2.operator.ingress.AlbAnnotations.TAGS;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.Cidrs;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one Ingress asks of the load balancer it shares with its group, read once from its
 * annotations: the ALB aspects read these, never the annotations, so that other sources of the same
 * settings (an IngressClassParams) can be laid over them in one place. Each value is checked as it
 * is read; the group's members must then agree on them (see {@link GroupAnnotations#agreed}).
 *
 * @param scheme {@code internal} or {@code internet-facing}, if asked
 * @param ipAddressType {@code ipv4} or {@code dualstack}, if asked
 * @param subnets subnet ids or names, in the order given; empty when none is named
 * @param inboundCidrs the sources the listeners admit; empty when none is named
 * @param listenPorts each port with its protocol; {@code HTTPS 443} by default when certificates
 *     are named, else {@code HTTP 80}
 * @param certificateArns the certificates named for its HTTPS ports, the first one the default;
 *     empty when they are to be discovered
 * @param sslPolicy the TLS policy of its HTTPS ports, if asked
 * @param sslRedirectPort the HTTPS port that its HTTP ports redirect to, if asked
 */
record IngressSettings(
    Optional<String> scheme,
    Optional<String> ipAddressType,
    Optional<String> loadBalancerName,
    List<String> subnets,
    Map<String, String> tags,
    Map<String, String> loadBalancerAttributes,
    SortedSet<String> inboundCidrs,
    SortedMap<Integer, String> listenPorts,
    List<String> certificateArns,
    Optional<String> sslPolicy,
    Optional<Integer> sslRedirectPort) {

  static final Set<String> SCHEMES = Set.of("internal", "internet-facing");
  static final Set<String> IP_ADDRESS_TYPES = Set.of("ipv4", "dualstack");

  IngressSettings {
    subnets = List.copyOf(subnets);
    // In the order given, so that of several conflicts the first is the one reported.
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    loadBalancerAttributes =
        Collections.unmodifiableMap(new LinkedHashMap<>(loadBalancerAttributes));
    inboundCidrs = Collections.unmodifiableSortedSet(new TreeSet<>(inboundCidrs));
    listenPorts = Collections.unmodifiableSortedMap(new TreeMap<>(listenPorts));
    certificateArns = List.copyOf(certificateArns);
  }

  /** Whether one of its listen ports is HTTPS. */
  boolean https() {
    return listenPorts.containsValue("HTTPS");
  }

  /**
   * @throws InvalidAnnotationException for an annotation this operator does not serve, first, then
   *     for a value that cannot be used
   */
  static IngressSettings of(Ingress ingress) {
    var annotations = new Annotations(ingress.getMetadata().getAnnotations());
    var refused = AlbAnnotations.refused(annotations.names());
    if (!refused.isEmpty()) {
      throw new InvalidAnnotationException(
          refused.iterator().next(),
          "not supported by this operator; remove it, or the load balancer would be made"
              + " without what it asks for");
    }
    var certificateArns = certificateArns(annotations);
    return new IngressSettings(
        oneOf(annotations, SCHEME, SCHEMES, "internal"),
        oneOf(annotations, IP_ADDRESS_TYPE, IP_ADDRESS_TYPES, "ipv4"),
        annotations.string(LOAD_BALANCER_NAME),
        annotations.list(SUBNETS),
        annotations.keyValues(TAGS),
        annotations.keyValues(LOAD_BALANCER_ATTRIBUTES),
        inboundCidrs(annotations),
        ListenPorts.of(annotations, !certificateArns.isEmpty()),
        certificateArns,
        annotations.string(SSL_POLICY),
        annotations.string(SSL_REDIRECT).isEmpty()
            ? Optional.empty()
            : Optional.of(annotations.integer(SSL_REDIRECT, 0, 1, 65535)));
  }

  private static List<String> certificateArns(Annotations annotations) {
    var arns = annotations.list(CERTIFICATE_ARN);
    for (var arn : arns) {
      if (!arn.startsWith("arn:")) {
        throw new InvalidAnnotationException(
            CERTIFICATE_ARN, "'" + arn + "' is not a certificate ARN (arn:...:acm:...)");
      }
    }
    return arns;
  }

  private static Optional<String> oneOf(
      Annotations annotations, String annotation, Set<String> allowed, String fallback) {
    return annotations.string(annotation).isEmpty()
        ? Optional.empty()
        : Optional.of(annotations.oneOf(annotation, allowed, fallback));
  }

  private static SortedSet<String> inboundCidrs(Annotations annotations) {
    var cidrs = new TreeSet<String>();
    for (var cidr : annotations.list(INBOUND_CIDRS)) {
      if (!Cidrs.valid(cidr)) {
        throw new InvalidAnnotationException(INBOUND_CIDRS, "'" + cidr + "' is not a CIDR block");
      }
      cidrs.add(cidr);
    }
    return cidrs;
  }
}
