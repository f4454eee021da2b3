package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.IngressRule;
import io.elbv2.operator.api.TargetGroupBindingSpec.IpBlock;
import io.elbv2.operator.api.TargetGroupBindingSpec.Networking;
import io.elbv2.operator.api.TargetGroupBindingSpec.Peer;
import io.elbv2.operator.api.TargetGroupBindingSpec.Port;
import io.elbv2.operator.api.TargetGroupBindingSpec.ServiceReference;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** TargetGroupBinding objects for tests. */
public final class Bindings {

  private Bindings() {}

  public static TargetGroupBinding binding(
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

  /** An ip binding with targetType and ipAddressType filled, as the mutating webhook leaves it. */
  public static TargetGroupBinding defaulted(
      String namespace, String name, String arn, String service) {
    var binding = binding(namespace, name, arn, TargetType.IP, service, null);
    var spec = binding.getSpec();
    binding.setSpec(
        new TargetGroupBindingSpec(
            spec.targetGroupARN(),
            null,
            null,
            TargetType.IP,
            spec.serviceRef(),
            null,
            null,
            TargetGroupBindingSpec.IpAddressType.IPV4,
            null,
            null));
    return binding;
  }

  public static Networking allowFrom(String cidr, int port) {
    return new Networking(
        List.of(
            new IngressRule(
                List.of(new Peer(new IpBlock(cidr), null)),
                List.of(new Port(null, new IntOrString(port))))));
  }
}
