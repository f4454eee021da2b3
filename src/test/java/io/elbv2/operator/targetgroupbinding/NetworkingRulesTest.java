package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.api.TargetGroupBindingSpec.IngressRule;
import io.elbv2.operator.api.TargetGroupBindingSpec.IpBlock;
import io.elbv2.operator.api.TargetGroupBindingSpec.Networking;
import io.elbv2.operator.api.TargetGroupBindingSpec.NetworkingProtocol;
import io.elbv2.operator.api.TargetGroupBindingSpec.Peer;
import io.elbv2.operator.api.TargetGroupBindingSpec.Port;
import io.elbv2.operator.api.TargetGroupBindingSpec.SecurityGroup;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkingRulesTest {

  private static final Set<Target> TARGETS =
      Set.of(Target.of("10.0.1.1", 8080), Target.of("10.0.1.2", 8081));

  @Test
  void portLeftOutOpensEveryPortAsTheGoControllerDoes() {
    var networking =
        rule(List.of(new Peer(new IpBlock("10.0.0.0/16"), null)), new Port(null, null));

    assertThat(NetworkingRules.wanted(networking, TARGETS, Optional.empty()))
        .containsExactly(new Permission("tcp", 0, 65535, "10.0.0.0/16"));
  }

  @Test
  void ruleWithoutPortsOpensEveryTcpPort() {
    var networking =
        new Networking(
            List.of(new IngressRule(List.of(new Peer(null, new SecurityGroup("sg-0lb"))), null)));

    assertThat(NetworkingRules.wanted(networking, TARGETS, Optional.empty()))
        .containsExactly(new Permission("tcp", 0, 65535, "sg-0lb"));
  }

  @Test
  void theServicesTargetPortNameOpensThePortsThePodsListenOn() {
    var networking =
        rule(
            List.of(new Peer(new IpBlock("10.0.0.0/16"), null)),
            new Port(NetworkingProtocol.TCP, new IntOrString("http")));

    assertThat(NetworkingRules.wanted(networking, TARGETS, Optional.of("http")))
        .containsExactly(
            new Permission("tcp", 8080, 8080, "10.0.0.0/16"),
            new Permission("tcp", 8081, 8081, "10.0.0.0/16"));
  }

  @Test
  void explicitPortAndProtocolAreOpenedForEachPeer() {
    var networking =
        rule(
            List.of(
                new Peer(null, new SecurityGroup("sg-0lb")),
                new Peer(new IpBlock("192.168.0.0/24"), null)),
            new Port(NetworkingProtocol.UDP, new IntOrString(53)));

    assertThat(NetworkingRules.wanted(networking, TARGETS, Optional.empty()))
        .containsExactlyInAnyOrder(
            new Permission("udp", 53, 53, "sg-0lb"),
            new Permission("udp", 53, 53, "192.168.0.0/24"));
  }

  @Test
  void noNetworkingMeansNoRules() {
    assertThat(NetworkingRules.wanted(null, TARGETS, Optional.empty())).isEmpty();
  }

  @Test
  void otherPortNameIsAProblemThatSaysWhatToDo() {
    var networking =
        rule(
            List.of(new Peer(new IpBlock("10.0.0.0/16"), null)),
            new Port(null, new IntOrString("http")));

    assertThatThrownBy(() -> NetworkingRules.wanted(networking, TARGETS, Optional.of("web")))
        .isInstanceOf(BindingProblem.class)
        .hasMessageContaining(
            "'http' is a name other than the Service's target port 'web'; give a port number");
  }

  @Test
  void peerWithoutSourceIsAProblem() {
    var networking = rule(List.of(new Peer(null, null)), new Port(null, null));

    assertThatThrownBy(() -> NetworkingRules.wanted(networking, TARGETS, Optional.empty()))
        .hasMessage("a networking peer needs ipBlock or securityGroup");
  }

  private static Networking rule(List<Peer> from, Port port) {
    return new Networking(List.of(new IngressRule(from, List.of(port))));
  }
}
