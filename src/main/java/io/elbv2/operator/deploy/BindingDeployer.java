package io.elbv2.operator.deploy;

import io.elbv2.operator.model.BindingSpec;
import io.elbv2.operator.model.Stack;
import io.elbv2.operator.targetgroupbinding.TargetGroupBinding;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.IngressRule;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.IpAddressType;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.IpBlock;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.Networking;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.NetworkingProtocol;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.Peer;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.Port;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.SecurityGroup;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.ServiceReference;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.TargetType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Creates, updates and deletes the TargetGroupBindings of a stack, labelled with the stack's name
 * and namespace as the Go controller labels them; the TargetGroupBinding controller then keeps
 * their targets.
 */
@ApplicationScoped
public class BindingDeployer {

  static final String STACK_NAME = "service.k8s.aws/stack-name";
  static final String STACK_NAMESPACE = "service.k8s.aws/stack-namespace";
  static final String FIELD_MANAGER = "elbv2-operator";

  private final KubernetesClient client;

  BindingDeployer(KubernetesClient client) {
    this.client = client;
  }

  public void apply(
      Stack stack, Map<String, String> targetGroupArns, String namespace, String name) {
    var wanted =
        stack.bindings().stream().map(b -> binding(b, targetGroupArns, namespace, name)).toList();
    for (var binding : wanted) {
      client.resource(binding).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }
    var names = wanted.stream().map(b -> b.getMetadata().getName()).collect(Collectors.toSet());
    for (var existing : owned(namespace, name)) {
      if (!names.contains(existing.getMetadata().getName())) {
        client.resource(existing).delete();
      }
    }
  }

  /**
   * Asks for every binding of the stack to go; returns how many still exist (their finalizers
   * deregister targets).
   */
  public int delete(String namespace, String name) {
    var remaining = owned(namespace, name);
    remaining.stream()
        .filter(b -> b.getMetadata().getDeletionTimestamp() == null)
        .forEach(b -> client.resource(b).delete());
    return remaining.size();
  }

  private List<TargetGroupBinding> owned(String namespace, String name) {
    return client
        .resources(TargetGroupBinding.class)
        .inNamespace(namespace)
        .withLabels(Map.of(STACK_NAME, name, STACK_NAMESPACE, namespace))
        .list()
        .getItems();
  }

  private static TargetGroupBinding binding(
      BindingSpec spec, Map<String, String> targetGroupArns, String namespace, String name) {
    var binding = new TargetGroupBinding();
    binding.setMetadata(
        new ObjectMetaBuilder()
            .withName(spec.name())
            .withNamespace(namespace)
            .withLabels(Map.of(STACK_NAME, name, STACK_NAMESPACE, namespace))
            .build());
    var peers =
        spec.allowedSources().stream()
            .map(
                source ->
                    source.startsWith("sg-")
                        ? new Peer(null, new SecurityGroup(source))
                        : new Peer(new IpBlock(source), null))
            .toList();
    var protocol = NetworkingProtocol.valueOf(spec.trafficProtocol());
    binding.setSpec(
        new TargetGroupBindingSpec(
            targetGroupArns.get(spec.targetGroup()),
            null,
            null,
            "ip".equals(spec.targetType()) ? TargetType.IP : TargetType.INSTANCE,
            new ServiceReference(spec.serviceName(), new IntOrString(spec.servicePort())),
            peers.isEmpty()
                ? null
                : new Networking(
                    List.of(new IngressRule(peers, List.of(new Port(protocol, null))))),
            null,
            IpAddressType.IPV4,
            null,
            null));
    return binding;
  }
}
