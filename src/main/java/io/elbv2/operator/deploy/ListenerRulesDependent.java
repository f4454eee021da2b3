package io.elbv2.operator.deploy;

import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.model.RuleSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.NameSetter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The rules of every listener of the stack's load balancer, brought to the stack's by {@link
 * ListenerRules} once the listeners and target groups exist. Read from AWS on each reconciliation,
 * one call per listener and one for the tags of every 20 rules; they go with their listener, so
 * there is nothing to delete on their own.
 */
public abstract class ListenerRulesDependent<P extends HasMetadata>
    implements DependentResource<ListenerRulesDependent.Changed, P>, NameSetter {

  /**
   * How many rule calls a reconciliation made. A class, not a record: the operator SDK's build step
   * cannot look up {@code java.lang.Record}.
   */
  public static final class Changed {
    private final int steps;

    Changed(int steps) {
      this.steps = steps;
    }

    public int steps() {
      return steps;
    }
  }

  private final ListenerRules rules;
  private String name = DependentResource.defaultNameFor(getClass());

  protected ListenerRulesDependent(ElasticLoadBalancingV2Client elbv2, OperatorSettings settings) {
    this.rules = new ListenerRules(elbv2, ListenerTagging.of(settings));
  }

  /** The workflow finds a dependent by the name its {@code @Dependent} gives it. */
  @Override
  public void setName(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Class<Changed> resourceType() {
    return Changed.class;
  }

  @Override
  public ReconcileResult<Changed> reconcile(P primary, Context<P> context) {
    try (var turn = StackReconciliation.awsCallTurn(context)) {
      return syncRules(context);
    }
  }

  private ReconcileResult<Changed> syncRules(Context<P> context) {
    var targetGroupArns = StackReconciliation.targetGroupArns(context);
    var byPort =
        StackReconciliation.stack(context).rules().stream()
            .collect(Collectors.groupingBy(RuleSpec::listenerPort));
    int steps = 0;
    for (Map.Entry<Integer, String> listener :
        StackReconciliation.listenerArns(context).entrySet()) {
      steps +=
          rules
              .sync(
                  listener.getValue(),
                  byPort.getOrDefault(listener.getKey(), List.of()),
                  targetGroupArns)
              .steps()
              .size();
    }
    var changed = new Changed(steps);
    return steps == 0
        ? ReconcileResult.noOperation(changed)
        : ReconcileResult.resourceUpdated(changed);
  }
}
