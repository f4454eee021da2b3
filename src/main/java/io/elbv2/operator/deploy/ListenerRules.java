package io.elbv2.operator.deploy;

import io.elbv2.operator.model.RuleSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;

/**
 * Brings one listener's rules (not its default) to the stack's, by the calls of a {@link RulePlan}:
 * rules that still do what is wanted are only moved, so no request they serve meets the listener's
 * default meanwhile. Rules are compared by their conditions and actions, whatever order AWS lists
 * them in. With the {@code ListenerRulesTagging} gate, as in the Go controller, rules are made with
 * the stack's tags and the tags of those kept follow the rule they now are; without it rules carry
 * no tags and theirs are never read.
 */
final class ListenerRules {

  private static final Logger LOG = Logger.getLogger(ListenerRules.class);

  private final ElasticLoadBalancingV2Client elbv2;
  private final ListenerTagging tagging;

  ListenerRules(ElasticLoadBalancingV2Client elbv2, ListenerTagging tagging) {
    this.elbv2 = elbv2;
    this.tagging = tagging;
  }

  /**
   * @param rules the listener's wanted rules
   * @param targetGroupArns the ARN of each target group of the stack, by its resource id
   * @return the plan it carried out
   */
  RulePlan<RuleSpec> sync(
      String listenerArn, List<RuleSpec> rules, Map<String, String> targetGroupArns) {
    var listed =
        elbv2.describeRules(r -> r.listenerArn(listenerArn)).rules().stream()
            .filter(rule -> !Boolean.TRUE.equals(rule.isDefault()))
            .toList();
    Map<String, Map<String, String>> foundTags =
        tagging.enabled()
            ? OwnedResourceIndex.readTags(elbv2, listed.stream().map(Rule::ruleArn).toList())
            : Map.of();
    var found = new ArrayList<RulePlan.Found>();
    for (var rule : listed) {
      found.add(
          new RulePlan.Found(
              rule.ruleArn(),
              Integer.parseInt(rule.priority()),
              content(rule),
              foundTags.getOrDefault(rule.ruleArn(), Map.of())));
    }
    var wanted = new ArrayList<RulePlan.Wanted<RuleSpec>>();
    for (var rule : rules) {
      wanted.add(
          new RulePlan.Wanted<>(
              rule.priority(),
              content(conditions(rule), AwsActions.toAws(rule.actions(), targetGroupArns)),
              tagging.atCreation(rule.tags()),
              rule));
    }
    var plan = RulePlan.between(wanted, found, tagging.externalManagedTags());
    var created = new HashMap<Object, String>();
    for (var step : plan.steps()) {
      if (step instanceof RulePlan.Create<RuleSpec> create) {
        var rule = create.rule();
        var tags = tagging.atCreation(rule.tags());
        var arn =
            elbv2
                .createRule(
                    r ->
                        r.listenerArn(listenerArn)
                            .priority(create.priority())
                            .conditions(conditions(rule))
                            .actions(AwsActions.toAws(rule.actions(), targetGroupArns))
                            .tags(tags.isEmpty() ? null : OwnedResourceIndex.tags(tags)))
                .rules()
                .get(0)
                .ruleArn();
        created.put(rule, arn);
        LOG.infof("created rule %d of listener %s", rule.priority(), listenerArn);
      } else if (step instanceof RulePlan.Modify<RuleSpec> modify) {
        elbv2.modifyRule(
            r ->
                r.ruleArn(modify.arn())
                    .conditions(conditions(modify.rule()))
                    .actions(AwsActions.toAws(modify.rule().actions(), targetGroupArns)));
      } else if (step instanceof RulePlan.Delete<RuleSpec> delete) {
        elbv2.deleteRule(r -> r.ruleArn(delete.arn()));
      } else if (step instanceof RulePlan.Move<RuleSpec> move) {
        var pairs =
            move.priorities().entrySet().stream()
                .map(
                    e ->
                        RulePriorityPair.builder()
                            .ruleArn(
                                e.getKey() instanceof String arn ? arn : created.get(e.getKey()))
                            .priority(e.getValue())
                            .build())
                .toList();
        elbv2.setRulePriorities(r -> r.rulePriorities(pairs));
      } else if (step instanceof RulePlan.Retag<RuleSpec> retag) {
        OwnedResourceIndex.writeTags(elbv2, retag.arn(), retag.changes());
      }
    }
    return plan;
  }

  static List<RuleCondition> conditions(RuleSpec rule) {
    return AwsConditions.toAws(rule.conditions());
  }

  private static Object content(Rule rule) {
    return content(rule.conditions(), rule.actions());
  }

  private static Object content(
      List<RuleCondition> conditions,
      List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> actions) {
    return List.of(AwsConditions.canonical(conditions), AwsActions.canonical(actions));
  }
}
