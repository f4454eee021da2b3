package io.elbv2.operator.model;

import java.util.List;
import java.util.Map;

/**
 * A listener of the stack's load balancer.
 *
 * @param defaultActions what it does with requests that no rule of it matches
 * @param tags the stack's, with the listener's port as its resource tag, as the Go controller tags
 *     them
 */
public record ListenerSpec(
    int port,
    String protocol,
    List<String> certificateArns,
    String sslPolicy,
    String alpnPolicy,
    List<Action> defaultActions,
    Map<String, String> tags) {

  public ListenerSpec {
    certificateArns = List.copyOf(certificateArns);
    defaultActions = List.copyOf(defaultActions);
    tags = Map.copyOf(tags);
  }
}
