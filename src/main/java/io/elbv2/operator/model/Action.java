package io.elbv2.operator.model;

import java.util.List;

/**
 * What a listener or a listener rule does with a request: forward it to target groups of the stack,
 * answer it, or redirect it. Target groups of the stack are named by their {@link
 * TargetGroupSpec#resourceId()}, for which the deploy step puts in their ARNs; one outside the
 * stack by its ARN.
 */
public sealed interface Action {

  /**
   * Forwards to one target group, or spreads over several by weight.
   *
   * @param stickinessSeconds how long a client stays on one group; {@code null}: no stickiness
   */
  record Forward(List<WeightedTargetGroup> targetGroups, Integer stickinessSeconds)
      implements Action {

    public Forward {
      targetGroups = List.copyOf(targetGroups);
      if (targetGroups.isEmpty()) {
        throw new IllegalArgumentException("a forward action needs a target group");
      }
    }

    /** To a single target group, as a Service's listeners forward. */
    public static Forward to(String targetGroup) {
      return new Forward(List.of(new WeightedTargetGroup(targetGroup, null)), null);
    }
  }

  /**
   * @param weight its share among the action's groups; {@code null} when it is the only one
   */
  record WeightedTargetGroup(String targetGroup, Integer weight) {}

  /**
   * Answers the request itself.
   *
   * @param contentType {@code null} for none
   * @param body {@code null} for none
   */
  record FixedResponse(int statusCode, String contentType, String body) implements Action {}

  /**
   * Redirects the request; {@code null} parts keep the request's own ({@code #{host}} and so on).
   *
   * @param statusCode {@code HTTP_301} or {@code HTTP_302}
   */
  record Redirect(
      String protocol, String host, String port, String path, String query, String statusCode)
      implements Action {}
}
