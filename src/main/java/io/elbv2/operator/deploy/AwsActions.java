package io.elbv2.operator.deploy;

import io.elbv2.operator.model.Action.FixedResponse;
import io.elbv2.operator.model.Action.Forward;
import io.elbv2.operator.model.Action.Redirect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Listener and rule actions between the model and ELBv2: written with the target groups' ARNs, and
 * compared by what they do, since AWS gives back a forward to one group both as {@code
 * TargetGroupArn} and as a {@code ForwardConfig} of weight 1, and fills in a redirect's defaults.
 */
final class AwsActions {

  private AwsActions() {}

  /**
   * @param targetGroupArns the ARN of each target group of the stack, by its resource id
   */
  static List<Action> toAws(
      List<io.elbv2.operator.model.Action> actions, Map<String, String> targetGroupArns) {
    var written = new ArrayList<Action>();
    for (int i = 0; i < actions.size(); i++) {
      var order = i + 1;
      written.add(toAws(actions.get(i), targetGroupArns).toBuilder().order(order).build());
    }
    return written;
  }

  private static Action toAws(
      io.elbv2.operator.model.Action action, Map<String, String> targetGroupArns) {
    if (action instanceof Forward forward) {
      return forward(forward, targetGroupArns);
    }
    if (action instanceof FixedResponse fixed) {
      return Action.builder()
          .type(ActionTypeEnum.FIXED_RESPONSE)
          .fixedResponseConfig(
              FixedResponseActionConfig.builder()
                  .statusCode(Integer.toString(fixed.statusCode()))
                  .contentType(fixed.contentType())
                  .messageBody(fixed.body())
                  .build())
          .build();
    }
    var redirect = (Redirect) action;
    return Action.builder()
        .type(ActionTypeEnum.REDIRECT)
        .redirectConfig(
            RedirectActionConfig.builder()
                .protocol(redirect.protocol())
                .host(redirect.host())
                .port(redirect.port())
                .path(redirect.path())
                .query(redirect.query())
                .statusCode(redirect.statusCode())
                .build())
        .build();
  }

  /** One group unweighted is written as {@code TargetGroupArn}, as the Go controller writes it. */
  private static Action forward(Forward forward, Map<String, String> targetGroupArns) {
    var groups = forward.targetGroups();
    if (groups.size() == 1
        && groups.get(0).weight() == null
        && forward.stickinessSeconds() == null) {
      return Action.builder()
          .type(ActionTypeEnum.FORWARD)
          .targetGroupArn(arn(groups.get(0).targetGroup(), targetGroupArns))
          .build();
    }
    var config =
        ForwardActionConfig.builder()
            .targetGroups(
                groups.stream()
                    .map(
                        g ->
                            TargetGroupTuple.builder()
                                .targetGroupArn(arn(g.targetGroup(), targetGroupArns))
                                .weight(g.weight())
                                .build())
                    .toList());
    if (forward.stickinessSeconds() != null) {
      config.targetGroupStickinessConfig(
          TargetGroupStickinessConfig.builder()
              .enabled(true)
              .durationSeconds(forward.stickinessSeconds())
              .build());
    }
    return Action.builder().type(ActionTypeEnum.FORWARD).forwardConfig(config.build()).build();
  }

  /** A target group of the stack by its ARN; one outside the stack is named by its ARN already. */
  private static String arn(String resourceId, Map<String, String> targetGroupArns) {
    if (resourceId.startsWith("arn:")) {
      return resourceId;
    }
    var arn = targetGroupArns.get(resourceId);
    if (arn == null) {
      throw new IllegalStateException("target group " + resourceId + " of the stack has no ARN");
    }
    return arn;
  }

  /** Whether two lists of actions do the same, in the same order. */
  static boolean same(List<Action> actual, List<Action> wanted) {
    return canonical(actual).equals(canonical(wanted));
  }

  /** The target groups the actions forward to. */
  static List<String> targetGroupArns(List<Action> actions) {
    return actions.stream()
        .flatMap(a -> canonicalForward(a).stream())
        .map(TargetGroupTuple::targetGroupArn)
        .toList();
  }

  /** What the actions do, in a form that compares equal when they do the same. */
  static List<String> canonical(List<Action> actions) {
    return actions.stream()
        .sorted(Comparator.comparing(a -> a.order() == null ? 0 : a.order()))
        .map(AwsActions::canonical)
        .toList();
  }

  private static String canonical(Action action) {
    return switch (action.typeAsString()) {
      case "forward" -> "forward " + canonicalForward(action) + " " + stickiness(action);
      case "fixed-response" -> {
        var fixed = action.fixedResponseConfig();
        yield "fixed-response "
            + fixed.statusCode()
            + " "
            + Objects.toString(fixed.contentType(), "")
            + " "
            + Objects.toString(fixed.messageBody(), "");
      }
      case "redirect" -> {
        var redirect = action.redirectConfig();
        yield String.join(
            " ",
            "redirect",
            Objects.toString(redirect.protocol(), "#{protocol}"),
            Objects.toString(redirect.host(), "#{host}"),
            Objects.toString(redirect.port(), "#{port}"),
            Objects.toString(redirect.path(), "/#{path}"),
            Objects.toString(redirect.query(), "#{query}"),
            redirect.statusCodeAsString());
      }
      default -> action.toString();
    };
  }

  private static List<TargetGroupTuple> canonicalForward(Action action) {
    if (!"forward".equals(action.typeAsString())) {
      return List.of();
    }
    var config = action.forwardConfig();
    if (config == null || config.targetGroups().isEmpty()) {
      return action.targetGroupArn() == null
          ? List.of()
          : List.of(
              TargetGroupTuple.builder().targetGroupArn(action.targetGroupArn()).weight(1).build());
    }
    return config.targetGroups().stream()
        .map(
            t ->
                TargetGroupTuple.builder()
                    .targetGroupArn(t.targetGroupArn())
                    .weight(t.weight() == null ? 1 : t.weight())
                    .build())
        .sorted(Comparator.comparing(TargetGroupTuple::targetGroupArn))
        .toList();
  }

  private static String stickiness(Action action) {
    var config = action.forwardConfig();
    var stickiness = config == null ? null : config.targetGroupStickinessConfig();
    return stickiness == null || !Boolean.TRUE.equals(stickiness.enabled())
        ? "unsticky"
        : "sticky " + stickiness.durationSeconds();
  }
}
