package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.LISTEN_PORTS;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.InvalidAnnotationException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An Ingress's {@value AlbAnnotations#LISTEN_PORTS}, {@code [{"HTTP": 80}, {"HTTPS": 443}]}, read
 * as the Go controller's JSON decoder reads it (a {@code null} entry adds nothing) and refused in
 * its words; without the annotation, HTTPS 443 when the Ingress names certificates, else HTTP 80.
 */
final class ListenPorts {

  private ListenPorts() {}

  /**
   * The ports, each with its protocol.
   *
   * @param certificatesNamed whether the Ingress names certificates for its HTTPS ports
   */
  static SortedMap<Integer, String> of(Annotations annotations, boolean certificatesNamed) {
    var parsed = annotations.json(LISTEN_PORTS, "listen-ports configuration");
    if (parsed.isEmpty()) {
      return new TreeMap<>(certificatesNamed ? Map.of(443, "HTTPS") : Map.of(80, "HTTP"));
    }
    var raw = annotations.raw(LISTEN_PORTS).orElseThrow();
    var entries = parsed.get();
    if (!entries.isArray() && !entries.isNull()) {
      throw unparsable(raw, "not a list like [{\"HTTP\": 80}]");
    }
    var ports = new TreeMap<Integer, String>();
    for (var entry : entries) {
      if (entry.isNull()) {
        continue;
      }
      if (!entry.isObject()) {
        throw unparsable(raw, entry + " is not an object like {\"HTTP\": 80}");
      }
      for (var protocolAndPort : entry.properties()) {
        var protocol = protocolAndPort.getKey();
        var port = protocolAndPort.getValue();
        if (!port.isIntegralNumber()) {
          throw unparsable(raw, "the port of " + protocol + " is " + port + ", not a whole number");
        }
        if (!port.canConvertToInt() || port.intValue() < 1 || port.intValue() > 65535) {
          throw new InvalidAnnotationException(
              LISTEN_PORTS, "listen port must be within [1, 65535]: " + port.asText());
        }
        if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
          throw new InvalidAnnotationException(
              LISTEN_PORTS, "listen protocol must be within [HTTP, HTTPS]: " + protocol);
        }
        ports.put(port.intValue(), protocol);
      }
    }
    if (ports.isEmpty()) {
      throw new InvalidAnnotationException(
          LISTEN_PORTS, "empty listen-ports configuration: `" + raw + "`");
    }
    return ports;
  }

  private static InvalidAnnotationException unparsable(String raw, String why) {
    return new InvalidAnnotationException(
        LISTEN_PORTS, "failed to parse listen-ports configuration: `" + raw + "`: " + why);
  }
}
