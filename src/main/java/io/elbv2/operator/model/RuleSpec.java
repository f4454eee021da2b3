package io.elbv2.operator.model;

import java.util.List;
import java.util.Map;

/**
 * A rule of one of the stack's listeners: requests that meet every condition get its actions.
 *
 * @param listenerPort the port of the listener it belongs to
 * @param priority 1 is tried first; unique per listener
 */
public record RuleSpec(
    int listenerPort,
    int priority,
    List<Condition> conditions,
    List<Action> actions,
    Map<String, String> tags) {

  public RuleSpec {
    conditions = List.copyOf(conditions);
    actions = List.copyOf(actions);
    tags = Map.copyOf(tags);
  }
}
