package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.IngressRule;
import io.elbv2.operator.api.TargetGroupBindingSpec.IpBlock;
import io.elbv2.operator.api.TargetGroupBindingSpec.NetworkingProtocol;
import io.elbv2.operator.api.TargetGroupBindingSpec.Peer;
import io.elbv2.operator.api.TargetGroupBindingSpec.Port;
import io.elbv2.operator.model.BindingSpec;
import io.elbv2.operator.model.BindingSpec.OpenPort;
import io.elbv2.operator.model.OwnershipTags;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingsDependentTest {

  private static final Map<String, String> LABELS = OwnershipTags.SERVICE.bindingLabels("shop/web");

  private static final String ARN =
      "arn:aws-cn:elasticloadbalancing:cn-north-1:111122223333:targetgroup/k8s-web/0123456789abcdef";

  @Test
  void sourcesGetTheTrafficPortsAndTheBackendGroupAlsoTheHealthCheckPort() {
    var spec =
        spec(
            List.of("203.0.113.0/24"),
            List.of(new OpenPort("TCP", "http")),
            new OpenPort("TCP", "8081"));

    var rules = rules(spec, List.of("sg-backend"));

    assertThat(rules)
        .extracting(IngressRule::ports)
        .containsExactly(
            List.of(new Port(NetworkingProtocol.TCP, new IntOrString("http"))),
            List.of(
                new Port(NetworkingProtocol.TCP, new IntOrString("http")),
                new Port(NetworkingProtocol.TCP, new IntOrString(8081))));
  }

  @Test
  void withoutALoadBalancerSecurityGroupTheVpcMayHealthCheck() {
    var spec =
        new BindingSpec(
            "k8s-shop-web-0123456789",
            "shop",
            "shop/web:80",
            "instance",
            "web",
            "80",
            "ipv4",
            List.of("203.0.113.0/24"),
            false,
            List.of(new OpenPort("TCP", "30080")),
            new OpenPort("TCP", "30081"),
            List.of("10.0.0.0/16"),
            Map.of(),
            false);

    var rules = rules(spec, List.of());

    assertThat(rules)
        .containsExactly(
            new IngressRule(
                List.of(new Peer(new IpBlock("203.0.113.0/24"), null)),
                List.of(new Port(NetworkingProtocol.TCP, new IntOrString(30080)))),
            new IngressRule(
                List.of(new Peer(new IpBlock("10.0.0.0/16"), null)),
                List.of(new Port(NetworkingProtocol.TCP, new IntOrString(30081)))));
  }

  @Test
  void healthChecksOnTheTrafficPortAddNoSecondPort() {
    var spec = spec(List.of(), List.of(new OpenPort("UDP", "30053")), new OpenPort("TCP", "30053"));

    var rules = rules(spec, List.of("sg-backend"));

    assertThat(rules)
        .singleElement()
        .extracting(IngressRule::ports)
        .isEqualTo(
            List.of(
                new Port(NetworkingProtocol.UDP, new IntOrString(30053)),
                new Port(NetworkingProtocol.TCP, new IntOrString(30053))));
  }

  private static List<IngressRule> rules(BindingSpec spec, List<String> stackGroups) {
    return BindingsDependent.binding(spec, ARN, stackGroups, LABELS)
        .getSpec()
        .networking()
        .ingress();
  }

  @Test
  void aNamedServicePortAndIpv6TargetsReachTheBinding() {
    var plain = spec(List.of(), List.of(), new OpenPort("TCP", "80"));
    var named =
        new BindingSpec(
            plain.name(),
            plain.namespace(),
            plain.targetGroup(),
            plain.targetType(),
            plain.serviceName(),
            "http",
            "ipv6",
            plain.allowedSources(),
            plain.allowBackendSecurityGroup(),
            plain.trafficPorts(),
            plain.healthCheckPort(),
            plain.healthCheckSources(),
            Map.of(),
            false);

    var binding = BindingsDependent.binding(named, ARN, List.of(), LABELS).getSpec();

    assertThat(binding.serviceRef().port()).isEqualTo(new IntOrString("http"));
    assertThat(binding.ipAddressType()).isEqualTo(TargetGroupBindingSpec.IpAddressType.IPV6);
    assertThat(BindingsDependent.binding(plain, ARN, List.of(), LABELS).getSpec())
        .satisfies(
            numbered -> {
              assertThat(numbered.serviceRef().port()).isEqualTo(new IntOrString(80));
              assertThat(numbered.ipAddressType())
                  .isEqualTo(TargetGroupBindingSpec.IpAddressType.IPV4);
            });
  }

  @Test
  void nodeLabelsAndMultiClusterBecomeTheBindingsNodeSelectorAndFlag() {
    var plain = spec(List.of(), List.of(), new OpenPort("TCP", "80"));
    var labelled =
        new BindingSpec(
            plain.name(),
            plain.namespace(),
            plain.targetGroup(),
            "instance",
            plain.serviceName(),
            plain.servicePort(),
            plain.ipAddressType(),
            plain.allowedSources(),
            plain.allowBackendSecurityGroup(),
            plain.trafficPorts(),
            plain.healthCheckPort(),
            plain.healthCheckSources(),
            Map.of("pool", "edge"),
            true);

    var binding = BindingsDependent.binding(labelled, ARN, List.of(), LABELS).getSpec();
    var unlabelled = BindingsDependent.binding(plain, ARN, List.of(), LABELS).getSpec();

    assertThat(binding.nodeSelector().getMatchLabels()).isEqualTo(Map.of("pool", "edge"));
    assertThat(binding.isMultiCluster()).isTrue();
    assertThat(unlabelled.nodeSelector()).isNull();
    assertThat(unlabelled.multiClusterTargetGroup()).isNull();
  }

  private static BindingSpec spec(
      List<String> sources, List<OpenPort> traffic, OpenPort healthCheck) {
    return new BindingSpec(
        "k8s-shop-web-0123456789",
        "shop",
        "shop/web:80",
        "ip",
        "web",
        "80",
        "ipv4",
        sources,
        true,
        traffic,
        healthCheck,
        List.of(),
        Map.of(),
        false);
  }
}
