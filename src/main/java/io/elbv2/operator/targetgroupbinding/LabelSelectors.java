package io.elbv2.operator.targetgroupbinding;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/** Matches labels against a {@link LabelSelector} with Kubernetes semantics. */
final class LabelSelectors {

  private LabelSelectors() {}

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    var actual = labels == null ? Map.<String, String>of() : labels;
    if (selector.getMatchLabels() != null) {
      for (var entry : selector.getMatchLabels().entrySet()) {
        if (!entry.getValue().equals(actual.get(entry.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (var expression : selector.getMatchExpressions()) {
        var value = actual.get(expression.getKey());
        var values =
            expression.getValues() == null ? java.util.List.<String>of() : expression.getValues();
        boolean ok =
            switch (expression.getOperator()) {
              case "In" -> value != null && values.contains(value);
              case "NotIn" -> value == null || !values.contains(value);
              case "Exists" -> actual.containsKey(expression.getKey());
              case "DoesNotExist" -> !actual.containsKey(expression.getKey());
              default ->
                  throw new BindingProblem(
                      "InvalidNodeSelector",
                      "nodeSelector operator " + expression.getOperator() + " is unknown");
            };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }
}
