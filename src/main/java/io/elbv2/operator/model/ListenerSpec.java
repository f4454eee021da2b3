package io.elbv2.operator.model;

import java.util.List;
import java.util.Map;

/**
 * A listener forwarding to one target group of the same stack.
 *
 * @param targetGroup the {@link TargetGroupSpec#resourceId()} it forwards to
 * @param tags written when the listener is made: the stack's, with the listener's port as its
 *     resource tag, as the Go controller tags them
 */
public record ListenerSpec(
    int port,
    String protocol,
    List<String> certificateArns,
    String sslPolicy,
    String alpnPolicy,
    String targetGroup,
    Map<String, String> tags) {

  public ListenerSpec {
    certificateArns = List.copyOf(certificateArns);
    tags = Map.copyOf(tags);
  }
}
