package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.CERTIFICATE_ARN;
import static io.elbv2.operator.ingress.AlbAnnotations.LISTEN_PORTS;
import static io.elbv2.operator.ingress.AlbAnnotations.SSL_POLICY;
import static io.elbv2.operator.ingress.AlbAnnotations.SSL_REDIRECT;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The group's listen ports, merged from its members as the Go controller's {@code
 * mergeListenPortConfigs} merges them: one protocol per port; for HTTPS one TLS policy ({@value
 * #DEFAULT_SSL_POLICY} unless asked, and checked against the policies ELBv2 offers) and the
 * certificates of every member, the first member's first one the default. A member that names no
 * certificate gets those of ACM that cover its hosts, as the Go controller's {@code pkg/certs}
 * discovers them.
 */
final class AlbListenPorts {

  static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";

  private AlbListenPorts() {}

  static SortedMap<Integer, ListenPort> of(IngressGroup group, AlbContext context) {
    var protocols = protocols(group);
    var ports = new TreeMap<Integer, ListenPort>();
    protocols.forEach(
        (port, protocol) ->
            ports.put(
                port,
                protocol.equals("HTTPS")
                    ? https(group, port, context)
                    : new ListenPort(port, protocol, List.of(), null)));
    return ports;
  }

  /**
   * The HTTPS port the group's HTTP listeners redirect to, if a member asks for one; the members
   * must agree, and it must be one of the group's HTTPS ports.
   */
  static Optional<Integer> sslRedirect(IngressGroup group, SortedMap<Integer, ListenPort> ports) {
    var asked = new TreeSet<Integer>();
    group.members().forEach(m -> m.settings().sslRedirectPort().ifPresent(asked::add));
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    if (asked.size() > 1) {
      throw new InvalidAnnotationException(SSL_REDIRECT, "conflicting sslRedirect port: " + asked);
    }
    var port = asked.first();
    var listener = ports.get(port);
    if (listener == null) {
      throw new InvalidAnnotationException(
          SSL_REDIRECT, "listener does not exist for SSLRedirect port: " + port);
    }
    if (!listener.https()) {
      throw new InvalidAnnotationException(
          SSL_REDIRECT, "listener protocol non-SSL for SSLRedirect port: " + port);
    }
    return Optional.of(port);
  }

  private static SortedMap<Integer, String> protocols(IngressGroup group) {
    var ports = new TreeMap<Integer, String>();
    for (var member : group.members()) {
      member
          .settings()
          .listenPorts()
          .forEach(
              (port, protocol) -> {
                var other = ports.putIfAbsent(port, protocol);
                if (other != null && !other.equals(protocol)) {
                  throw new InvalidAnnotationException(
                      LISTEN_PORTS,
                      "port " + port + " is asked for as both " + other + " and " + protocol);
                }
              });
    }
    return ports;
  }

  private static ListenPort https(IngressGroup group, int port, AlbContext context) {
    var certificates = new LinkedHashSet<String>();
    String policy = null;
    String policyFrom = null;
    for (var member : group.members()) {
      var settings = member.settings();
      if (!"HTTPS".equals(settings.listenPorts().get(port))) {
        continue;
      }
      certificates.addAll(certificatesOf(member.ingress(), settings, context));
      if (settings.sslPolicy().isPresent()) {
        var asked = settings.sslPolicy().get();
        if (policy != null && !policy.equals(asked)) {
          throw new InvalidAnnotationException(
              SSL_POLICY,
              "conflicting sslPolicy, "
                  + policyFrom
                  + ": "
                  + policy
                  + " | "
                  + member.key()
                  + ": "
                  + asked);
        }
        policy = asked;
        policyFrom = member.key();
      }
    }
    if (policy != null && !context.sslPolicies().exists(policy)) {
      throw new InvalidAnnotationException(
          SSL_POLICY, "'" + policy + "' is not one of the TLS policies ELBv2 offers");
    }
    return new ListenPort(
        port, "HTTPS", List.copyOf(certificates), policy == null ? DEFAULT_SSL_POLICY : policy);
  }

  /** The named certificates, or else those ACM has for every host of the Ingress. */
  private static List<String> certificatesOf(
      Ingress ingress, IngressSettings settings, AlbContext context) {
    if (!settings.certificateArns().isEmpty()) {
      return settings.certificateArns();
    }
    var hosts = hosts(ingress);
    if (hosts.isEmpty()) {
      throw new InvalidAnnotationException(
          CERTIFICATE_ARN,
          "an HTTPS listen port needs a certificate: name one, or give the Ingress hosts"
              + " (spec.rules[].host, spec.tls[].hosts) that an ISSUED ACM certificate covers");
    }
    var covering = context.certificates().covering(hosts);
    var found = new TreeSet<String>();
    for (var host : hosts) {
      var arns = covering.getOrDefault(host, new TreeSet<>());
      if (arns.isEmpty()) {
        throw new InvalidAnnotationException(
            CERTIFICATE_ARN,
            "no certificate found for host: "
                + host
                + " (no ISSUED ACM certificate covers it; name one instead)");
      }
      found.addAll(arns);
    }
    return new ArrayList<>(found);
  }

  private static SortedSet<String> hosts(Ingress ingress) {
    var hosts = new TreeSet<String>();
    var spec = ingress.getSpec();
    if (spec == null) {
      return hosts;
    }
    if (spec.getRules() != null) {
      spec.getRules().stream()
          .map(r -> r.getHost())
          .filter(h -> h != null && !h.isEmpty())
          .forEach(hosts::add);
    }
    if (spec.getTls() != null) {
      spec.getTls().stream()
          .filter(t -> t.getHosts() != null)
          .flatMap(t -> t.getHosts().stream())
          .filter(h -> h != null && !h.isEmpty())
          .forEach(hosts::add);
    }
    return hosts;
  }
}
