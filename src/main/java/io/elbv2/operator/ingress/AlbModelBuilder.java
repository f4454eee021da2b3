package io.elbv2.operator.ingress;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.RuleSpec;
import io.elbv2.operator.model.Stack;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the {@link Stack} of an {@link IngressGroup}, as the Go controller's {@code
 * model_builder.go} drives its aspects: the load balancer ({@link AlbLoadBalancer}), a listener per
 * listen port ({@link AlbListeners}) with its rules ({@link AlbListenerRules}), the target groups
 * and their bindings ({@link AlbTargetGroups}) and the managed security group ({@link
 * AlbManagedSecurityGroup}). A pure function of the group, its Services and the {@link AlbContext};
 * every bad value is an error that names its annotation or field.
 */
public final class AlbModelBuilder {

  static final int MAX_RULES = 100;
  static final int MAX_TARGET_GROUPS = 100;

  private AlbModelBuilder() {}

  /**
   * @param services the Service of a {@code <namespace>/<name>}, as the cluster has it
   */
  public static Stack build(
      IngressGroup group, Function<String, Optional<Service>> services, AlbContext context) {
    if (group.members().isEmpty()) {
      throw new IllegalArgumentException("a group without members has no load balancer");
    }
    var scheme = AlbLoadBalancer.scheme(group);
    var ipAddressType = AlbLoadBalancer.ipAddressType(group);
    var commonTags = AlbTags.common(group, context);

    var targetGroups = new AlbTargetGroups(group.id(), context, services, commonTags);
    var listenPorts = AlbListenPorts.of(group, context);
    var sslRedirect = AlbListenPorts.sslRedirect(group, listenPorts);
    var listeners = new ArrayList<ListenerSpec>();
    var rules = new ArrayList<RuleSpec>();
    for (var listenPort : listenPorts.values()) {
      listeners.add(AlbListeners.build(group, listenPort, sslRedirect, targetGroups, commonTags));
      // A listener that redirects every request keeps no rules, as in the Go controller.
      if (sslRedirect.isEmpty() || listenPort.https()) {
        rules.addAll(AlbListenerRules.build(group, listenPort.port(), targetGroups, commonTags));
      }
    }
    checkQuotas(rules, targetGroups);
    var loadBalancer = AlbLoadBalancer.build(group, context, scheme, ipAddressType, commonTags);
    var securityGroup =
        AlbManagedSecurityGroup.build(
            group, context, ipAddressType, listenPorts.keySet(), commonTags);
    return new Stack(
        group.id(),
        List.of(securityGroup),
        true,
        loadBalancer,
        listeners,
        rules,
        targetGroups.targetGroups(),
        targetGroups.bindings());
  }

  private static void checkQuotas(List<RuleSpec> rules, AlbTargetGroups targetGroups) {
    if (rules.size() > MAX_RULES) {
      throw new InvalidAnnotationException(
          "spec.rules",
          "the group needs " + rules.size() + " listener rules; an ALB has at most " + MAX_RULES);
    }
    var groups = targetGroups.targetGroups().size();
    if (groups > MAX_TARGET_GROUPS) {
      throw new InvalidAnnotationException(
          "spec.rules",
          "the group needs " + groups + " target groups; an ALB has at most " + MAX_TARGET_GROUPS);
    }
  }
}
