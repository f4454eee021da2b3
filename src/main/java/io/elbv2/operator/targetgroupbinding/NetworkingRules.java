package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.Networking;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec.NetworkingProtocol;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ingress rules a binding's {@code spec.networking} asks for, given the ports its targets
 * listen on.
 */
public final class NetworkingRules {

  private NetworkingRules() {}

  public static Set<Permission> wanted(Networking networking, Collection<Target> targets) {
    var permissions = new TreeSet<Permission>();
    if (networking == null || networking.ingress() == null) {
      return permissions;
    }
    var targetPorts =
        targets.stream()
            .map(Target::port)
            .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    for (var rule : networking.ingress()) {
      for (var port : rule.ports()) {
        var protocol =
            (port.protocol() == null ? NetworkingProtocol.TCP : port.protocol())
                .name()
                .toLowerCase();
        Set<Integer> ports;
        if (port.port() == null) {
          ports = targetPorts;
        } else if (port.port().getIntVal() != null) {
          ports = Set.of(port.port().getIntVal());
        } else {
          throw new BindingProblem(
              "InvalidNetworking",
              "networking port '"
                  + port.port().getStrVal()
                  + "' is a name; give a port number or leave it out to"
                  + " open the target ports");
        }
        for (var peer : rule.from()) {
          String source;
          if (peer.ipBlock() != null) {
            source = peer.ipBlock().cidr();
          } else if (peer.securityGroup() != null) {
            source = peer.securityGroup().groupID();
          } else {
            throw new BindingProblem(
                "InvalidNetworking", "a networking peer needs ipBlock or securityGroup");
          }
          for (var number : ports) {
            permissions.add(new Permission(protocol, number, number, source));
          }
        }
      }
    }
    return permissions;
  }
}
