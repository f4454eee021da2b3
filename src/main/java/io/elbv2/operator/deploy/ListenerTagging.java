package io.elbv2.operator.deploy;

import io.elbv2.operator.config.FeatureGate;
import io.elbv2.operator.config.OperatorSettings;
import java.util.Map;
import java.util.Set;

/**
 * Which tags listeners and rules get: the stack's, kept as the stack wants them like those of the
 * other objects, unless the {@link FeatureGate#ListenerRulesTagging} gate is off; then, as with the
 * Go controller, none are written and those they have are left alone.
 */
record ListenerTagging(boolean enabled, Set<String> externalManagedTags) {

  ListenerTagging {
    externalManagedTags = Set.copyOf(externalManagedTags);
  }

  static ListenerTagging of(OperatorSettings settings) {
    return new ListenerTagging(
        settings.enabled(FeatureGate.ListenerRulesTagging), settings.externalManagedTags());
  }

  /** The tags to make a listener or rule with. */
  Map<String, String> atCreation(Map<String, String> stackTags) {
    return enabled ? stackTags : Map.of();
  }

  /** The writes that bring a listener's tags to those of its stack. */
  TagChanges changes(Map<String, String> current, Map<String, String> stackTags) {
    return enabled
        ? TagChanges.between(current, stackTags, externalManagedTags)
        : new TagChanges(Map.of(), Set.of());
  }
}
