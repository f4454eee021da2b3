package io.elbv2.operator.testing.iam;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One authorization AWS makes for a call: an action on one resource, with the call's condition keys
 * ({@code aws:RequestTag/...}, {@code elasticloadbalancing:CreateAction}, ...). A call on several
 * resources, or one that tags what it creates, is several of these.
 *
 * @param action as IAM names it, e.g. {@code elasticloadbalancing:AddTags}
 * @param resource its ARN, or {@code *} for actions without resource-level permissions
 * @param context the request's condition keys and values
 * @param resourceTags the resource's tags when AWS looks at them (asked only when a condition reads
 *     {@code aws:ResourceTag/...})
 */
public record Authorization(
    String action,
    String resource,
    Map<String, String> context,
    Function<String, Map<String, String>> resourceTags) {

  private static final String RESOURCE_TAG = "aws:ResourceTag/";

  public Optional<String> value(String key) {
    if (key.startsWith(RESOURCE_TAG)) {
      return Optional.ofNullable(
          resourceTags.apply(resource).get(key.substring(RESOURCE_TAG.length())));
    }
    return Optional.ofNullable(context.get(key));
  }

  /** The same request with its ARN in {@code partition}, as a policy of that partition sees it. */
  Authorization inPartition(String partition) {
    if (!resource.startsWith("arn:")) {
      return this;
    }
    var rest = resource.substring(resource.indexOf(':', 4));
    var original = resource;
    return new Authorization(
        action, "arn:" + partition + rest, context, ignored -> resourceTags.apply(original));
  }

  @Override
  public String toString() {
    return action + " on " + resource + (context.isEmpty() ? "" : " with " + context);
  }
}
