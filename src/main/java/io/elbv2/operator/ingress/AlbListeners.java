package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.LISTEN_PORTS;

import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
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
            .filter(m -> m.settings().listenPorts().containsKey(port))
            .map(IngressGroup.Member::ingress)
            .filter(i -> i.getSpec() != null && i.getSpec().getDefaultBackend() != null)
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
