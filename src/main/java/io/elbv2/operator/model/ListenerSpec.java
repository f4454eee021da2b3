package io.elbv2.operator.model;

import java.util.List;

/**
 * A listener forwarding to one target group of the same stack.
 *
 * @param targetGroup the {@link TargetGroupSpec#resourceId()} it forwards to
 */
public record ListenerSpec(
    int port,
    String protocol,
    List<String> certificateArns,
    String sslPolicy,
    String alpnPolicy,
    String targetGroup) {

  public ListenerSpec {
    certificateArns = List.copyOf(certificateArns);
  }
}
