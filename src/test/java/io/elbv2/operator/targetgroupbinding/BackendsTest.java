package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.api.TargetGroupBindingSpec.ServiceReference;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendsTest {

  private static final Service SERVICE =
      new ServiceBuilder()
          .withNewMetadata()
          .withName("web")
          .endMetadata()
          .withNewSpec()
          .addNewPort()
          .withName("http")
          .withPort(80)
          .withNodePort(30080)
          .endPort()
          .addNewPort()
          .withName("metrics")
          .withPort(9090)
          .endPort()
          .endSpec()
          .build();

  @Test
  void servicePortIsFoundByNumberOrByName() {
    assertThat(
            Backends.servicePort(SERVICE, new ServiceReference("web", new IntOrString(9090)))
                .getName())
        .isEqualTo("metrics");
    assertThat(
            Backends.servicePort(SERVICE, new ServiceReference("web", new IntOrString("http")))
                .getPort())
        .isEqualTo(80);
  }

  @Test
  void unknownServicePortIsAProblemNamingThePort() {
    assertThatThrownBy(
            () -> Backends.servicePort(SERVICE, new ServiceReference("web", new IntOrString(81))))
        .isInstanceOf(BindingProblem.class)
        .hasMessage("Service web has no port 81");
  }

  @Test
  void ipTargetsAreTheReadyEndpointsOnThePodPortOfTheServicePort() {
    var slice =
        slice(
            "IPv4",
            Map.of("http", 8080, "metrics", 9100),
            endpoint("10.0.1.1", true, false),
            endpoint("10.0.1.2", false, false),
            endpoint("10.0.1.3", true, true));

    var targets = Backends.ipTargets(SERVICE.getSpec().getPorts().get(0), List.of(slice), false);

    assertThat(targets).containsExactly(Target.of("10.0.1.1", 8080));
  }

  @Test
  void endpointNotReadyOnlyForItsReadinessGatesIsATargetThatNamesItsPod() {
    var slice =
        slice(
            "IPv4",
            Map.of("http", 8080),
            endpoint("10.0.1.1", false, false, "gated"),
            endpoint("10.0.1.2", false, false, "starting"),
            endpoint("10.0.1.3", false, true, "gated-terminating"),
            endpoint("10.0.1.4", true, false, "plain"));

    var targets =
        Backends.ipTargets(
            SERVICE.getSpec().getPorts().get(0),
            List.of(slice),
            false,
            pod -> pod.startsWith("gated"));

    assertThat(targets)
        .containsExactly(Target.of("10.0.1.1", 8080), Target.of("10.0.1.4", 8080))
        .extracting(Target::pod)
        .containsExactly("gated", "plain");
  }

  @Test
  void podsWithDifferentNumbersForANamedPortKeepTheirOwnPorts() {
    var slices =
        List.of(
            slice("IPv4", Map.of("http", 8080), endpoint("10.0.1.1", true, false)),
            slice("IPv4", Map.of("http", 8081), endpoint("10.0.1.2", true, false)));

    var targets = Backends.ipTargets(SERVICE.getSpec().getPorts().get(0), slices, false);

    assertThat(targets).containsExactly(Target.of("10.0.1.1", 8080), Target.of("10.0.1.2", 8081));
  }

  @Test
  void ipv6BindingsTakeOnlyIpv6Slices() {
    var slices =
        List.of(
            slice("IPv4", Map.of("http", 8080), endpoint("10.0.1.1", true, false)),
            slice("IPv6", Map.of("http", 8080), endpoint("fd00::1", true, false)));

    assertThat(Backends.ipTargets(SERVICE.getSpec().getPorts().get(0), slices, true))
        .containsExactly(Target.of("fd00::1", 8080));
  }

  @Test
  void instanceTargetsAreEligibleNodesOnTheNodePort() {
    var nodes =
        List.of(
            node("a", "aws:///cn-north-1a/i-0aaa", true, Map.of("pool", "web")),
            node("b", "aws:///cn-north-1b/i-0bbb", false, Map.of("pool", "web")),
            node(
                "c",
                "aws:///cn-north-1b/i-0ccc",
                true,
                Map.of(Backends.EXCLUDE_FROM_LOAD_BALANCERS, "")),
            node("d", "aws:///cn-north-1a/fargate-10.0.0.1", true, Map.of()),
            node("e", "aws:///cn-north-1a/i-0eee", true, Map.of("pool", "batch")));

    var all = Backends.instanceTargets(SERVICE, SERVICE.getSpec().getPorts().get(0), nodes, null);
    var selected =
        Backends.instanceTargets(
            SERVICE,
            SERVICE.getSpec().getPorts().get(0),
            nodes,
            new LabelSelectorBuilder().withMatchLabels(Map.of("pool", "web")).build());

    assertThat(all).containsExactly(Target.of("i-0aaa", 30080), Target.of("i-0eee", 30080));
    assertThat(selected).containsExactly(Target.of("i-0aaa", 30080));
  }

  @Test
  void nodeMarkedForScaleDownIsLeftOut() {
    var node = node("a", "aws:///cn-north-1a/i-0aaa", true, Map.of());
    node.getSpec()
        .setTaints(
            List.of(
                new io.fabric8.kubernetes.api.model.Taint(
                    "NoSchedule", Backends.TO_BE_DELETED_TAINT, null, "1")));

    assertThat(Backends.eligible(node)).isFalse();
  }

  @Test
  void instanceTargetsNeedANodePort() {
    assertThatThrownBy(
            () ->
                Backends.instanceTargets(
                    SERVICE, SERVICE.getSpec().getPorts().get(1), List.of(), null))
        .isInstanceOf(BindingProblem.class)
        .hasMessageContaining("has no node port");
  }

  private static EndpointSlice slice(
      String addressType,
      Map<String, Integer> ports,
      io.fabric8.kubernetes.api.model.discovery.v1.Endpoint... endpoints) {
    var builder =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withName("web-x")
            .endMetadata()
            .withAddressType(addressType);
    ports.forEach((name, port) -> builder.addNewPort().withName(name).withPort(port).endPort());
    return builder.withEndpoints(endpoints).build();
  }

  private static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint(
      String ip, boolean ready, boolean terminating) {
    return endpoint(ip, ready, terminating, null);
  }

  private static io.fabric8.kubernetes.api.model.discovery.v1.Endpoint endpoint(
      String ip, boolean ready, boolean terminating, String pod) {
    return new EndpointBuilder()
        .withAddresses(ip)
        .withTargetRef(
            pod == null ? null : new ObjectReferenceBuilder().withKind("Pod").withName(pod).build())
        .withNewConditions()
        .withReady(ready)
        .withTerminating(terminating)
        .endConditions()
        .build();
  }

  private static Node node(
      String name, String providerId, boolean ready, Map<String, String> labels) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withProviderID(providerId)
        .endSpec()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }
}
