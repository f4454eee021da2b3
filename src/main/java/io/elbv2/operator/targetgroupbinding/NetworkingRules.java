package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBindingSpec.Networking;
import io.elbv2.operator.api.TargetGroupBindingSpec.NetworkingProtocol;
import io.elbv2.operator.api.TargetGroupBindingSpec.Port;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The ingress rules a binding's {@code spec.networking} asks for, as the Go controller reads them:
 * a port number opens that port, no port opens every port (0-65535), and a rule without ports opens
 * every TCP port. A port name opens the port the pods listen on under that name; the targets carry
 * it when it is the name of the bound Service port's {@code targetPort}, the case of the bindings
 * the operator makes for Services. Other names are refused, since the pods' other ports are not
 * watched.
 */
public final class NetworkingRules {

  static final int ALL_PORTS_FROM = 0;
  static final int ALL_PORTS_TO = 65535;

  private record Range(int from, int to) {}

  private NetworkingRules() {}

  /**
   * The rules a security group gets for the permissions every binding wants of it, merged as the Go
   * controller merges them so that many Services do not exhaust the group's rule quota: the ports
   * opened to one security group over one protocol become a single range from the lowest to the
   * highest. Only group sources are merged: such a group is attached to this cluster's load
   * balancers, so the node ports in between are theirs too; a CIDR keeps one rule per port, since a
   * range would open the ports between to every address in it.
   */
  public static Set<Permission> merge(Collection<Permission> permissions) {
    var merged = new TreeSet<Permission>();
    var spans = new HashMap<Map.Entry<String, String>, Range>();
    for (var permission : permissions) {
      if (!permission.fromSecurityGroup()) {
        merged.add(permission);
        continue;
      }
      spans.merge(
          Map.entry(permission.protocol(), permission.source()),
          new Range(permission.fromPort(), permission.toPort()),
          (a, b) -> new Range(Math.min(a.from(), b.from()), Math.max(a.to(), b.to())));
    }
    spans.forEach(
        (key, range) ->
            merged.add(new Permission(key.getKey(), range.from(), range.to(), key.getValue())));
    return merged;
  }

  /**
   * @param targetPortName the name of the bound Service port's {@code targetPort}, when it has one
   *     and the targets are pods
   */
  public static Set<Permission> wanted(
      Networking networking, Collection<Target> targets, Optional<String> targetPortName) {
    var permissions = new TreeSet<Permission>();
    if (networking == null || networking.ingress() == null) {
      return permissions;
    }
    var targetPorts =
        targets.stream().map(Target::port).collect(Collectors.toCollection(TreeSet::new));
    for (var rule : networking.ingress()) {
      var rulePorts =
          rule.ports() == null || rule.ports().isEmpty()
              ? List.of(new Port(NetworkingProtocol.TCP, null))
              : rule.ports();
      for (var port : rulePorts) {
        var protocol =
            (port.protocol() == null ? NetworkingProtocol.TCP : port.protocol())
                .name()
                .toLowerCase();
        List<Range> ranges;
        if (port.port() == null) {
          ranges = List.of(new Range(ALL_PORTS_FROM, ALL_PORTS_TO));
        } else if (port.port().getIntVal() != null) {
          ranges = List.of(new Range(port.port().getIntVal(), port.port().getIntVal()));
        } else if (targetPortName.filter(port.port().getStrVal()::equals).isPresent()) {
          ranges = targetPorts.stream().map(p -> new Range(p, p)).toList();
        } else {
          throw new BindingProblem(
              "InvalidNetworking",
              "networking port '"
                  + port.port().getStrVal()
                  + "' is a name other than the Service's target port"
                  + targetPortName.map(n -> " '" + n + "'").orElse("")
                  + "; give a port number, or leave it out to open every port");
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
          for (var range : ranges) {
            permissions.add(new Permission(protocol, range.from(), range.to(), source));
          }
        }
      }
    }
    return permissions;
  }
}
