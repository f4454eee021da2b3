package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.LISTEN_PORTS;

import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The group's listeners, as the Go controller's {@code model_build_listener.go} builds them: one
 * per listen port of its members, answering 404 unless one member listening there has a {@code
 * spec.defaultBackend}.
 */
final class AlbListeners {

  private AlbListeners() {}

  /** The listen ports of every member, each with the one protocol they agree on. */
  static SortedMap<Integer, String> listenPorts(IngressGroup group) {
    var ports = new TreeMap<Integer, String>();
    for (var member : group.members()) {
      listenPortsOf(member.ingress())
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

  /**
   * The Ingress's {@value AlbAnnotations#LISTEN_PORTS}, {@code [{"HTTP": 80}, {"HTTPS": 443}]},
   * read as the Go controller's JSON decoder reads it (a {@code null} entry adds nothing) and
   * refused in its words; HTTP 80 without the annotation.
   */
  static Map<Integer, String> listenPortsOf(Ingress ingress) {
    var annotations = GroupAnnotations.of(ingress);
    var parsed = annotations.json(LISTEN_PORTS, "listen-ports configuration");
    if (parsed.isEmpty()) {
      return Map.of(80, "HTTP");
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
        if (protocol.equals("HTTPS")) {
          throw new InvalidAnnotationException(
              LISTEN_PORTS,
              "HTTPS listeners need alb.ingress.kubernetes.io/certificate-arn, which this operator"
                  + " does not serve yet");
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

  static ListenerSpec build(
      IngressGroup group,
      int port,
      String protocol,
      AlbTargetGroups targetGroups,
      Map<String, String> commonTags) {
    return new ListenerSpec(
        port,
        protocol,
        List.of(),
        null,
        null,
        defaultActions(group, port, targetGroups),
        AlbTags.withResource(commonTags, Integer.toString(port)));
  }

  /** Fixed response 404, or the one {@code spec.defaultBackend} of the members on the port. */
  private static List<Action> defaultActions(
      IngressGroup group, int port, AlbTargetGroups targetGroups) {
    var withDefault =
        group.members().stream()
            .map(IngressGroup.Member::ingress)
            .filter(i -> i.getSpec() != null && i.getSpec().getDefaultBackend() != null)
            .filter(i -> listenPortsOf(i).containsKey(port))
            .toList();
    if (withDefault.isEmpty()) {
      return List.of(new Action.FixedResponse(404, "text/plain", null));
    }
    if (withDefault.size() > 1) {
      throw new InvalidAnnotationException(
          "spec.defaultBackend",
          "more than one Ingress of the group has one: "
              + withDefault.stream().map(GroupAnnotations::key).toList());
    }
    var ingress = withDefault.get(0);
    var backend = ingress.getSpec().getDefaultBackend().getService();
    if (backend == null) {
      throw new InvalidAnnotationException(
          "spec.defaultBackend", "only Service backends are served");
    }
    return targetGroups.actionsTo(ingress, backend);
  }
}
