package io.elbv2.operator.ingress;

import io.elbv2.operator.discovery.TargetGroupNames;
import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The action of a backend whose port is named {@value #USE_ANNOTATION}, read from the Ingress's
 * {@code alb.ingress.kubernetes.io/actions.<service name>} as the Go controller's {@code
 * enhanced_backend_builder.go} and {@code model_build_actions.go} read it: {@code fixed-response},
 * {@code redirect}, or {@code forward} to target groups named by ARN or name or made for Services
 * of the Ingress's namespace, by weight and with stickiness. The Go controller's messages for what
 * it refuses; the limits AWS would refuse at create time are checked here first.
 */
final class AnnotatedActions {

  static final String USE_ANNOTATION = "use-annotation";
  static final String PREFIX = AlbAnnotations.PREFIX + "actions.";
  static final String MISSING_ACTION = "Backend action does not exist";

  private static final Pattern STATUS_CODE = Pattern.compile("[245]\\d\\d");
  private static final Set<String> CONTENT_TYPES =
      Set.of("text/plain", "text/css", "text/html", "application/javascript", "application/json");
  private static final Set<String> REDIRECT_CODES = Set.of("HTTP_301", "HTTP_302");
  private static final int MAX_BODY = 1024;
  private static final int MAX_TARGET_GROUPS = 5;
  private static final int MAX_WEIGHT = 999;
  private static final int MAX_STICKINESS_SECONDS = 604800;

  private AnnotatedActions() {}

  /**
   * @param name the backend's Service name, which names the annotation
   * @return the action; a fixed 503 answer when the Ingress has no such annotation, as the Go
   *     controller answers by default ({@code --tolerate-non-existent-backend-action})
   */
  static Action of(
      Ingress ingress, String name, AlbTargetGroups targetGroups, TargetGroupNames names) {
    var annotation = PREFIX + name;
    var parsed =
        new Annotations(ingress.getMetadata().getAnnotations()).json(annotation, "actions." + name);
    if (parsed.isEmpty()) {
      return new Action.FixedResponse(503, "text/plain", MISSING_ACTION);
    }
    var config = new AnnotationJson(annotation, parsed.get());
    var type = config.text("type");
    return switch (type == null ? "" : type) {
      case "fixed-response" -> fixedResponse(config);
      case "redirect" -> redirect(config);
      case "forward" -> forward(ingress, config, targetGroups, names);
      default -> throw config.invalid("unknown action type: " + type);
    };
  }

  /** The Services the Ingress's actions forward to, so that a change to one reaches its group. */
  static Set<String> services(Ingress ingress) {
    var services = new LinkedHashSet<String>();
    var annotations = ingress.getMetadata().getAnnotations();
    if (annotations == null) {
      return services;
    }
    var read = new Annotations(annotations);
    for (var key : annotations.keySet()) {
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      try {
        read.json(key, "actions")
            .ifPresent(
                action ->
                    action
                        .path("forwardConfig")
                        .path("targetGroups")
                        .forEach(g -> services.add(g.path("serviceName").asText(null))));
      } catch (InvalidAnnotationException unreadable) {
        // Refused when the group is built; nothing to watch until it is fixed.
      }
    }
    services.remove(null);
    return services;
  }

  private static Action fixedResponse(AnnotationJson action) {
    var config = action.object("fixedResponseConfig");
    if (config == null) {
      throw action.invalid("missing FixedResponseConfig");
    }
    var status =
        config.required("statusCode", "invalid FixedResponseConfig: statusCode is required");
    if (!STATUS_CODE.matcher(status).matches()) {
      throw config.invalid("fixed-response statusCode must be a 2XX, 4XX or 5XX code: " + status);
    }
    var contentType = config.text("contentType");
    if (contentType != null && !CONTENT_TYPES.contains(contentType)) {
      throw config.invalid(
          "fixed-response contentType must be one of "
              + CONTENT_TYPES.stream().sorted().toList()
              + ": "
              + contentType);
    }
    var body = config.text("messageBody");
    if (body != null && body.length() > MAX_BODY) {
      throw config.invalid("fixed-response messageBody is longer than " + MAX_BODY + " characters");
    }
    return new Action.FixedResponse(Integer.parseInt(status), contentType, body);
  }

  private static Action redirect(AnnotationJson action) {
    var config = action.object("redirectConfig");
    if (config == null) {
      throw action.invalid("missing RedirectConfig");
    }
    var status = config.required("statusCode", "invalid RedirectConfig: statusCode is required");
    if (!REDIRECT_CODES.contains(status)) {
      throw config.invalid("redirect statusCode must be HTTP_301 or HTTP_302: " + status);
    }
    var protocol = config.text("protocol");
    if (protocol != null && !Set.of("HTTP", "HTTPS", "#{protocol}").contains(protocol)) {
      throw config.invalid("redirect protocol must be HTTP, HTTPS or #{protocol}: " + protocol);
    }
    var path = config.text("path");
    if (path != null && !path.startsWith("/")) {
      throw config.invalid("redirect path must start with /: " + path);
    }
    return new Action.Redirect(
        protocol, config.text("host"), config.text("port"), path, config.text("query"), status);
  }

  private static Action forward(
      Ingress ingress,
      AnnotationJson config,
      AlbTargetGroups targetGroups,
      TargetGroupNames names) {
    var shorthand = config.text("targetGroupARN") != null || config.text("targetGroupName") != null;
    var forwardConfig = config.object("forwardConfig");
    if (!shorthand && forwardConfig == null) {
      throw config.invalid("missing ForwardConfig or TargetGroupARN/TargetGroupName");
    }
    if (shorthand && forwardConfig != null) {
      throw config.invalid(
          "either ForwardConfig or TargetGroupARN/TargetGroupName can be specified");
    }
    var tuples = shorthand ? List.of(config) : forwardConfig.objects("targetGroups");
    if (tuples.isEmpty()) {
      throw config.invalid("invalid ForwardConfig: targetGroups is empty");
    }
    if (tuples.size() > MAX_TARGET_GROUPS) {
      throw config.invalid(
          "invalid ForwardConfig: at most " + MAX_TARGET_GROUPS + " target groups per action");
    }
    var weighted = new ArrayList<Action.WeightedTargetGroup>();
    for (var tuple : tuples) {
      var weight = tuple.integer("weight");
      if (tuples.size() > 1 && weight == null) {
        throw config.invalid("weight must be set when route to multiple target groups");
      }
      if (weight != null && (weight < 0 || weight > MAX_WEIGHT)) {
        throw config.invalid("weight must be within [0, " + MAX_WEIGHT + "]: " + weight);
      }
      var target = target(ingress, tuple, tuples.size() == 1, targetGroups, names);
      if (target == null) {
        return new Action.FixedResponse(503, "text/plain", AlbTargetGroups.MISSING_SERVICE);
      }
      weighted.add(new Action.WeightedTargetGroup(target, weight));
    }
    var stickiness =
        forwardConfig == null ? null : forwardConfig.object("targetGroupStickinessConfig");
    Integer seconds = null;
    if (stickiness != null && Boolean.TRUE.equals(stickiness.bool("enabled"))) {
      seconds = stickiness.integer("durationSeconds");
      if (seconds == null || seconds < 1 || seconds > MAX_STICKINESS_SECONDS) {
        throw config.invalid(
            "targetGroupStickinessConfig durationSeconds must be within [1, "
                + MAX_STICKINESS_SECONDS
                + "] when enabled");
      }
    }
    return new Action.Forward(weighted, seconds);
  }

  /**
   * The target group of one tuple: an ARN, the ARN of a name, or the resource id of a Service's;
   * {@code null} for the one Service of a forward that does not exist.
   */
  private static String target(
      Ingress ingress,
      AnnotationJson tuple,
      boolean only,
      AlbTargetGroups targetGroups,
      TargetGroupNames names) {
    var arn = tuple.text("targetGroupARN");
    var name = tuple.text("targetGroupName");
    var service = tuple.text("serviceName");
    if (arn == null && name == null && service == null) {
      throw tuple.invalid(
          "invalid ForwardConfig: invalid TargetGroupTuple: missing serviceName or"
              + " targetGroupARN/targetGroupName");
    }
    if ((arn != null || name != null) && service != null) {
      throw tuple.invalid(
          "invalid ForwardConfig: invalid TargetGroupTuple: either serviceName or"
              + " targetGroupARN/targetGroupName can be specified");
    }
    if (arn != null) {
      if (!arn.startsWith("arn:") || !arn.contains(":targetgroup/")) {
        throw tuple.invalid("targetGroupARN is not a target group's ARN: " + arn);
      }
      return arn;
    }
    if (name != null) {
      return names
          .arnOf(name)
          .orElseThrow(
              () -> tuple.invalid("searching TargetGroup with name " + name + ": not found"));
    }
    var port = tuple.text("servicePort");
    if (port == null) {
      throw tuple.invalid("invalid ForwardConfig: invalid TargetGroupTuple: missing servicePort");
    }
    var found = targetGroups.of(ingress, service, port);
    if (found.isPresent()) {
      return found.get();
    }
    if (only) {
      return null;
    }
    throw tuple.invalid(
        "Service " + ingress.getMetadata().getNamespace() + "/" + service + " not found");
  }
}
