package io.elbv2.operator.build.nlb;

import io.elbv2.operator.discovery.FixedSubnets;
import io.elbv2.operator.discovery.SecurityGroupLookup;
import io.elbv2.operator.discovery.SubnetLookup;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Services and model contexts for the NLB model builder's tests. */
public final class NlbFixtures {

  private NlbFixtures() {}

  public static final SubnetLookup SUBNETS = new FixedSubnets();

  /** Names resolve to {@code sg-<name>}. */
  public static final SecurityGroupLookup SECURITY_GROUPS =
      idsOrNames -> idsOrNames.stream().map(n -> n.startsWith("sg-") ? n : "sg-" + n).toList();

  /** The {@code NLBSecurityGroup} gate off: source ranges open the targets' security groups. */
  public static final NlbContext CONTEXT = context(false);

  /** The gate on, as by default: a new NLB gets a security group of its own. */
  public static final NlbContext WITH_NLB_SECURITY_GROUPS = context(true);

  public static NlbContext context(boolean nlbSecurityGroups) {
    return new NlbContext(
        "prod",
        "vpc-0a1b2c3d",
        List.of("10.0.0.0/16"),
        Map.of("team", "edge"),
        Set.of("billing"),
        SUBNETS,
        SECURITY_GROUPS,
        nlbSecurityGroups,
        false,
        false);
  }

  public static Service external(Map<String, String> annotations) {
    var all = new HashMap<>(annotations);
    all.putIfAbsent(ServiceAnnotations.LOAD_BALANCER_TYPE, "external");
    return service("web", all, 80, 8080, 30080);
  }

  public static Service service(
      String name, Map<String, String> annotations, int port, int targetPort, int nodePort) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withType("LoadBalancer")
        .withPorts(
            new ServicePortBuilder()
                .withPort(port)
                .withProtocol("TCP")
                .withTargetPort(new IntOrString(targetPort))
                .withNodePort(nodePort)
                .build())
        .endSpec()
        .build();
  }

  public static ServicePort port(String name, int port, int target, String protocol) {
    return new ServicePortBuilder()
        .withName(name)
        .withPort(port)
        .withProtocol(protocol)
        .withTargetPort(new IntOrString(target))
        .withNodePort(30000 + port)
        .build();
  }

  public static Map<String, String> with(Map<String, String> base, String key, String value) {
    var copy = new HashMap<>(base);
    copy.put(key, value);
    return copy;
  }
}
