package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.ENABLE_TCP_UDP;

import io.elbv2.operator.model.InvalidAnnotationException;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Which Service ports get a listener, as the Go controller decides: one listener per port number.
 * TCP and UDP on the same number share one {@code TCP_UDP} listener when {@value
 * ServiceAnnotations#ENABLE_TCP_UDP} (or the {@code EnableTCPUDPListener} feature gate) allows it;
 * otherwise the first of them in {@code spec.ports} is served and the other is not.
 *
 * @param served the ports with a listener, each with the protocol of its listener and target group
 * @param unserved ports that share a number with a served one and get no listener
 */
record NlbPorts(List<Served> served, List<ServicePort> unserved) {

  /** A Service port with the protocol its listener and target group use. */
  record Served(ServicePort port, String protocol) {}

  static NlbPorts of(List<ServicePort> ports, boolean tcpUdpListeners) {
    var byNumber = new LinkedHashMap<Integer, List<ServicePort>>();
    for (var port : ports) {
      var protocol = protocol(port);
      if (!protocol.equals("TCP") && !protocol.equals("UDP")) {
        throw new InvalidAnnotationException(
            "spec.ports",
            "protocol " + protocol + " of port " + port.getPort() + " is not TCP or UDP");
      }
      byNumber.computeIfAbsent(port.getPort(), n -> new ArrayList<>()).add(port);
    }
    var served = new ArrayList<Served>();
    var unserved = new ArrayList<ServicePort>();
    for (var sameNumber : byNumber.values()) {
      var first = sameNumber.get(0);
      if (sameNumber.size() == 1) {
        served.add(new Served(first, protocol(first)));
      } else if (tcpUdpListeners) {
        if (sameNumber.size() != 2 || protocol(first).equals(protocol(sameNumber.get(1)))) {
          throw new InvalidAnnotationException(
              ENABLE_TCP_UDP,
              "port "
                  + first.getPort()
                  + " can share a TCP_UDP listener only as one TCP and one UDP port");
        }
        served.add(new Served(first, "TCP_UDP"));
      } else {
        served.add(new Served(first, protocol(first)));
        unserved.addAll(sameNumber.subList(1, sameNumber.size()));
      }
    }
    return new NlbPorts(List.copyOf(served), List.copyOf(unserved));
  }

  static String protocol(ServicePort port) {
    return port.getProtocol() == null ? "TCP" : port.getProtocol();
  }
}
