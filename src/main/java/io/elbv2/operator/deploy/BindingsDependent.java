package io.elbv2.operator.deploy;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.IngressRule;
import io.elbv2.operator.api.TargetGroupBindingSpec.IpAddressType;
import io.elbv2.operator.api.TargetGroupBindingSpec.IpBlock;
import io.elbv2.operator.api.TargetGroupBindingSpec.Networking;
import io.elbv2.operator.api.TargetGroupBindingSpec.NetworkingProtocol;
import io.elbv2.operator.api.TargetGroupBindingSpec.Peer;
import io.elbv2.operator.api.TargetGroupBindingSpec.Port;
import io.elbv2.operator.api.TargetGroupBindingSpec.SecurityGroup;
import io.elbv2.operator.api.TargetGroupBindingSpec.ServiceReference;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.model.BindingSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The TargetGroupBindings of a stack, one per target group, labelled with the stack's name and
 * namespace as the Go controller labels them (so its bindings are adopted); the TargetGroupBinding
 * controller then keeps their targets. Applied server-side, so fields others set are left alone.
 */
public abstract class BindingsDependent<P extends HasMetadata>
    extends KubernetesDependentResource<TargetGroupBinding, P>
    implements CRUDKubernetesBulkDependentResource<TargetGroupBinding, P>,
        KubernetesBulkDependentResource<TargetGroupBinding, P>,
        SecondaryToPrimaryMapper<TargetGroupBinding> {

  /** The label every binding of a Service's stack has, to watch only those. */
  public static final String SERVICE_STACK_NAME = "service.k8s.aws/stack-name";

  private final StackKind kind;

  protected BindingsDependent(StackKind kind) {
    super(TargetGroupBinding.class);
    this.kind = kind;
  }

  @Override
  public Map<ResourceID, TargetGroupBinding> desiredResources(P primary, Context<P> context) {
    var targetGroupArns = StackReconciliation.targetGroupArns(context);
    var backendGroup = StackReconciliation.backendSecurityGroupId(context);
    var stack = StackReconciliation.stack(context);
    var labels = kind.tags().bindingLabels(stack.id());
    var desired = new LinkedHashMap<ResourceID, TargetGroupBinding>();
    for (var spec : stack.bindings()) {
      var stackGroups =
          spec.allowBackendSecurityGroup() ? backendGroup.stream().toList() : List.<String>of();
      var binding = binding(spec, targetGroupArns.get(spec.targetGroup()), stackGroups, labels);
      desired.put(ResourceID.fromResource(binding), binding);
    }
    return desired;
  }

  /**
   * The stack's bindings by its labels, when the reconciler named the stack: a stack of several
   * primaries (an IngressGroup) keeps its bindings whichever member reconciles it.
   */
  @Override
  public Map<ResourceID, TargetGroupBinding> getSecondaryResources(P primary, Context<P> context) {
    var stackId = StackReconciliation.stackId(context);
    if (stackId.isEmpty()) {
      return KubernetesBulkDependentResource.super.getSecondaryResources(primary, context);
    }
    var labels = kind.tags().bindingLabels(stackId.get());
    var found = new LinkedHashMap<ResourceID, TargetGroupBinding>();
    eventSource()
        .orElseThrow()
        .list(binding -> hasLabels(binding, labels))
        .forEach(binding -> found.put(ResourceID.fromResource(binding), binding));
    return found;
  }

  private static boolean hasLabels(TargetGroupBinding binding, Map<String, String> labels) {
    var present = binding.getMetadata().getLabels();
    return present != null && present.entrySet().containsAll(labels.entrySet());
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(TargetGroupBinding binding) {
    return kind.tags().stackIdOf(binding.getMetadata().getLabels()).stream()
        .flatMap(stackId -> kind.primaryOf().apply(stackId).stream())
        .collect(Collectors.toSet());
  }

  /** The stack labels map bindings to their Service; no owner references or extra annotations. */
  @Override
  protected void addReferenceHandlingMetadata(TargetGroupBinding desired, P primary) {}

  /**
   * @param stackGroups ids of the groups the load balancer carries for its targets (the cluster's
   *     backend group), admitted for the traffic and for health checks
   */
  static TargetGroupBinding binding(
      BindingSpec spec,
      String targetGroupArn,
      List<String> stackGroups,
      Map<String, String> labels) {
    var binding = new TargetGroupBinding();
    binding.setMetadata(
        new ObjectMetaBuilder()
            .withName(spec.name())
            .withNamespace(spec.namespace())
            .withLabels(labels)
            .build());
    var trafficPorts = spec.trafficPorts().stream().map(BindingsDependent::port).toList();
    var rules = new ArrayList<IngressRule>();
    if (!spec.allowedSources().isEmpty()) {
      var peers =
          spec.allowedSources().stream()
              .map(
                  source ->
                      source.startsWith("sg-")
                          ? new Peer(null, new SecurityGroup(source))
                          : new Peer(new IpBlock(source), null))
              .toList();
      rules.add(new IngressRule(peers, trafficPorts));
    }
    if (!spec.healthCheckSources().isEmpty()) {
      var peers =
          spec.healthCheckSources().stream()
              .map(cidr -> new Peer(new IpBlock(cidr), null))
              .toList();
      rules.add(new IngressRule(peers, List.of(port(spec.healthCheckPort()))));
    }
    if (!stackGroups.isEmpty()) {
      var peers = stackGroups.stream().map(id -> new Peer(null, new SecurityGroup(id))).toList();
      var checked = new LinkedHashSet<>(spec.trafficPorts());
      checked.add(spec.healthCheckPort());
      rules.add(new IngressRule(peers, checked.stream().map(BindingsDependent::port).toList()));
    }
    binding.setSpec(
        new TargetGroupBindingSpec(
            targetGroupArn,
            null,
            spec.multiClusterTargetGroup() ? Boolean.TRUE : null,
            "ip".equals(spec.targetType()) ? TargetType.IP : TargetType.INSTANCE,
            new ServiceReference(spec.serviceName(), servicePort(spec.servicePort())),
            rules.isEmpty() ? null : new Networking(rules),
            spec.nodeLabels().isEmpty()
                ? null
                : new LabelSelectorBuilder().withMatchLabels(spec.nodeLabels()).build(),
            "ipv6".equals(spec.ipAddressType()) ? IpAddressType.IPV6 : IpAddressType.IPV4,
            null,
            null));
    return binding;
  }

  private static IntOrString servicePort(String port) {
    return port.chars().allMatch(Character::isDigit)
        ? new IntOrString(Integer.parseInt(port))
        : new IntOrString(port);
  }

  private static Port port(BindingSpec.OpenPort open) {
    var number = open.port().chars().allMatch(Character::isDigit);
    return new Port(
        NetworkingProtocol.valueOf(open.protocol()),
        number ? new IntOrString(Integer.parseInt(open.port())) : new IntOrString(open.port()));
  }
}
