package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.ALPN_POLICY;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.BACKEND_PROTOCOL;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.SSL_CERT;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.SSL_POLICY;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.SSL_PORTS;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The NLB's listeners, as the Go controller's {@code model_build_listener.go} builds them: one per
 * served port ({@link NlbPorts}), forwarding to its target group, TLS where the {@link Tls}
 * annotations say so.
 */
final class NlbListeners {

  static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";
  private static final Set<String> ALPN =
      Set.of("HTTP1Only", "HTTP2Only", "HTTP2Optional", "HTTP2Preferred", "None");

  private NlbListeners() {}

  /**
   * @param targetGroup the resource id of the port's target group
   */
  static ListenerSpec build(
      NlbPorts.Served port, Tls tls, String targetGroup, Map<String, String> commonTags) {
    var number = port.port().getPort();
    var listenerTls = tls.appliesTo(port);
    return new ListenerSpec(
        number,
        listenerTls ? "TLS" : port.protocol(),
        listenerTls ? tls.certificates() : List.of(),
        listenerTls ? tls.policy() : null,
        listenerTls ? tls.alpn() : null,
        List.of(Action.Forward.to(targetGroup)),
        NlbTags.withResource(commonTags, Integer.toString(number)));
  }

  /** TLS listeners: the certificates, policies and which ports, from the ssl annotations. */
  record Tls(
      List<String> certificates,
      List<String> ports,
      String policy,
      String alpn,
      boolean toTargets) {

    static Tls of(Annotations annotations, List<ServicePort> servicePorts) {
      var certificates = annotations.list(SSL_CERT);
      var ports = annotations.list(SSL_PORTS);
      if (!ports.isEmpty() && certificates.isEmpty()) {
        throw new InvalidAnnotationException(
            SSL_PORTS, "TLS listeners need " + SSL_CERT + " with at least one certificate ARN");
      }
      for (var port : ports) {
        boolean known =
            servicePorts.stream()
                .anyMatch(
                    p -> port.equals(Integer.toString(p.getPort())) || port.equals(p.getName()));
        if (!known) {
          throw new InvalidAnnotationException(
              SSL_PORTS, "'" + port + "' is not the number or name of a port of this Service");
        }
      }
      var alpn = annotations.string(ALPN_POLICY).orElse(null);
      if (alpn != null && !ALPN.contains(alpn)) {
        throw new InvalidAnnotationException(
            ALPN_POLICY, "'" + alpn + "' is not one of " + ALPN.stream().sorted().toList());
      }
      return new Tls(
          certificates,
          ports,
          annotations.string(SSL_POLICY).orElse(DEFAULT_SSL_POLICY),
          alpn,
          annotations.string(BACKEND_PROTOCOL).filter("ssl"::equals).isPresent());
    }

    /**
     * With certificates, a TCP port is TLS when {@value ServiceAnnotations#SSL_PORTS} names it or
     * names none (every TCP port then is), as the Go controller decides; UDP never is.
     */
    boolean appliesTo(NlbPorts.Served port) {
      var servicePort = port.port();
      return port.protocol().equals("TCP")
          && !certificates.isEmpty()
          && (ports.isEmpty()
              || ports.contains(Integer.toString(servicePort.getPort()))
              || (servicePort.getName() != null && ports.contains(servicePort.getName())));
    }

    /** The protocol of the port's target group: TLS behind a TLS listener with {@code ssl}. */
    String targetProtocol(NlbPorts.Served port) {
      return appliesTo(port) && toTargets ? "TLS" : port.protocol();
    }
  }
}
