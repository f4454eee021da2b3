package io.elbv2.operator.ingress;

import io.elbv2.operator.model.Condition;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of one listener, as the Go controller's {@code model_build_listener_rules.go} builds
 * them: members in group order, each member's rules and paths in its order, priorities 1..N. A rule
 * has one host and at most two path patterns, so it never reaches the ALB's quota of five condition
 * values; conditions from annotations ({@code conditions.<name>}) are not served.
 */
final class AlbListenerRules {

  private AlbListenerRules() {}

  static List<RuleSpec> build(
      IngressGroup group, int port, AlbTargetGroups targetGroups, Map<String, String> commonTags) {
    var rules = new ArrayList<RuleSpec>();
    for (var member : group.members()) {
      var ingress = member.ingress();
      if (ingress.getSpec() == null
          || ingress.getSpec().getRules() == null
          || !member.settings().listenPorts().containsKey(port)) {
        continue;
      }
      for (var rule : ingress.getSpec().getRules()) {
        if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
          continue;
        }
        for (var path : IngressPaths.inRuleOrder(rule.getHttp().getPaths())) {
          var conditions = new ArrayList<Condition>();
          if (rule.getHost() != null && !rule.getHost().isEmpty()) {
            conditions.add(Condition.hosts(List.of(rule.getHost())));
          }
          var patterns = IngressPaths.patterns(path);
          if (!patterns.isEmpty()) {
            conditions.add(Condition.paths(patterns));
          }
          if (conditions.isEmpty()) {
            conditions.add(Condition.paths(List.of("/*")));
          }
          var backend = path.getBackend() == null ? null : path.getBackend().getService();
          if (backend == null) {
            throw new InvalidAnnotationException(
                "spec.rules[].http.paths[].backend", "only Service backends are served");
          }
          var priority = rules.size() + 1;
          rules.add(
              new RuleSpec(
                  port,
                  priority,
                  conditions,
                  targetGroups.actionsTo(ingress, backend),
                  AlbTags.withResource(commonTags, port + ":" + priority)));
        }
      }
    }
    return rules;
  }
}
