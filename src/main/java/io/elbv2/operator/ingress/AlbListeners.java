package io.elbv2.operator.ingress;

import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The group's listeners, as the Go controller's {@code model_build_listener.go} builds them: one
 * per listen port of its members, answering 404 unless one member listening there has a {@code
 * spec.defaultBackend}; with {@value AlbAnnotations#SSL_REDIRECT}, every HTTP listener redirects to
 * HTTPS instead.
 */
final class AlbListeners {

  private AlbListeners() {}

  /**
   * @param sslRedirect the HTTPS port that HTTP listeners redirect to, if the group asks for one
   */
  static ListenerSpec build(
      IngressGroup group,
      ListenPort listenPort,
      Optional<Integer> sslRedirect,
      AlbTargetGroups targetGroups,
      Map<String, String> commonTags) {
    var port = listenPort.port();
    var redirects = sslRedirect.isPresent() && !listenPort.https();
    return new ListenerSpec(
        port,
        listenPort.protocol(),
        listenPort.certificateArns(),
        listenPort.sslPolicy(),
        null,
        redirects
            ? List.of(httpsRedirect(sslRedirect.get()))
            : defaultActions(group, port, targetGroups),
        AlbTags.withResource(commonTags, Integer.toString(port)));
  }

  /** The Go controller's SSL redirect: a 301 to HTTPS on that port, the rest of the URL kept. */
  static Action httpsRedirect(int port) {
    return new Action.Redirect("HTTPS", null, Integer.toString(port), null, null, "HTTP_301");
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
