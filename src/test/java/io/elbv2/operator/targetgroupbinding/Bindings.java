package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.IngressRule;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.IpBlock;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.Networking;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.Peer;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.Port;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.ServiceReference;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.TargetType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** TargetGroupBinding objects for tests. */
final class Bindings {

  private Bindings() {}

  static TargetGroupBinding binding(
      String namespace,
      String name,
      String arn,
      TargetType type,
      String service,
      Networking networking) {
    var binding = new TargetGroupBinding();
    binding.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    binding.setSpec(
        new TargetGroupBindingSpec(
            arn,
            null,
            null,
            type,
            new ServiceReference(service, new IntOrString(80)),
            networking,
            null,
            null,
            null,
            null));
    return binding;
  }

  static Networking allowFrom(String cidr) {
    return new Networking(
        List.of(
            new IngressRule(
                List.of(new Peer(new IpBlock(cidr), null)), List.of(new Port(null, null)))));
  }
}
