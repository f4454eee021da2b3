package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.ServiceAnnotations.ENABLE_TCP_UDP;

import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.Stack;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@link Stack} a Service of type LoadBalancer asks for, as the AWS Load Balancer
 * Controller builds it: one Network Load Balancer ({@link NlbLoadBalancer}), one listener ({@link
 * NlbListeners}) and one target group with its TargetGroupBinding ({@link NlbTargetGroups}) per
 * Service port number (see {@link NlbPorts}), and the security groups of {@link NlbSecurityGroups}.
 * Names, tags, defaults and validation follow the Go controller's, so that its load balancers are
 * found and kept. A pure function of the Service, its annotations and the {@link NlbContext}.
 */
public final class NlbModelBuilder {

  /** The policy of a TLS listener whose Service names none. */
  public static final String DEFAULT_SSL_POLICY = NlbListeners.DEFAULT_SSL_POLICY;

  private NlbModelBuilder() {}

  /** The stack of a Service that has no load balancer yet. */
  public static Stack build(Service service, NlbContext context) {
    return build(service, context, Optional.empty());
  }

  /**
   * @param existing the stack's load balancer as AWS has it: one made without a security group
   *     cannot get one, so it keeps opening the targets' groups to the source ranges
   */
  public static Stack build(
      Service service, NlbContext context, Optional<LoadBalancerSpec> existing) {
    var meta = service.getMetadata();
    var annotations = new Annotations(meta.getAnnotations());
    refuseUnsupported(annotations);
    var stackId = meta.getNamespace() + "/" + meta.getName();
    var targetType = NlbTargetGroups.targetType(annotations);
    var scheme = NlbLoadBalancer.scheme(annotations);
    var ipAddressType = NlbLoadBalancer.ipAddressType(annotations);
    var commonTags = NlbTags.common(stackId, annotations, context);

    var securityGroups = NlbSecurityGroups.of(annotations, context, existing);
    var loadBalancer =
        NlbLoadBalancer.build(
            service,
            annotations,
            context,
            scheme,
            ipAddressType,
            securityGroups.named(),
            commonTags);

    var ports = service.getSpec().getPorts();
    if (ports == null || ports.isEmpty()) {
      throw new InvalidAnnotationException(
          "spec.ports", "a LoadBalancer Service needs at least one port");
    }
    var served = NlbPorts.of(ports, tcpUdpListeners(annotations, context)).served();
    var tls = NlbListeners.Tls.of(annotations, ports);
    var access =
        securityGroups.access(service, annotations, context, scheme, ipAddressType, commonTags);
    var targetGroups =
        new NlbTargetGroups(service, annotations, context, targetType, access, commonTags);
    var listeners = new ArrayList<ListenerSpec>();
    for (var port : served) {
      var targetGroup = targetGroups.add(port, tls.targetProtocol(port));
      listeners.add(NlbListeners.build(port, tls, targetGroup, commonTags));
    }
    return new Stack(
        stackId,
        access.managed(),
        access.backendSecurityGroup(),
        loadBalancer,
        listeners,
        List.of(),
        targetGroups.targetGroups(),
        targetGroups.bindings());
  }

  /**
   * Warnings about what the Service asks for that its load balancer will not do, though nothing is
   * wrong enough to refuse it: ports that share a number with a served port and get no listener,
   * and annotations of the {@code aws-load-balancer-} family that nothing reads.
   */
  public static List<String> warnings(Service service, NlbContext context) {
    var annotations = new Annotations(service.getMetadata().getAnnotations());
    var warnings = new ArrayList<String>();
    var ports = service.getSpec().getPorts();
    if (ports != null) {
      var split = NlbPorts.of(ports, tcpUdpListeners(annotations, context));
      for (var port : split.unserved()) {
        warnings.add(
            "port "
                + port.getPort()
                + "/"
                + NlbPorts.protocol(port)
                + " gets no listener: it shares its number with another port of the Service, and"
                + " TCP and UDP share a TCP_UDP listener only with "
                + ENABLE_TCP_UDP
                + ": \"true\" (or the EnableTCPUDPListener feature gate)");
      }
    }
    for (var name : ServiceAnnotations.unknown(annotations.names())) {
      warnings.add(
          "annotation "
              + name
              + " is not one this operator or the AWS Load Balancer"
              + " Controller reads; it changes nothing");
    }
    return warnings;
  }

  private static void refuseUnsupported(Annotations annotations) {
    var refused = ServiceAnnotations.refused(annotations.names());
    if (!refused.isEmpty()) {
      var name = refused.iterator().next();
      throw new InvalidAnnotationException(
          name,
          "not supported by this operator; remove it, or the load balancer would be made without"
              + " what it asks for"
              + (refused.size() > 1
                  ? " (also refused: " + refused.stream().skip(1).toList() + ")"
                  : ""));
    }
  }

  private static boolean tcpUdpListeners(Annotations annotations, NlbContext context) {
    return annotations.bool(ENABLE_TCP_UDP).orElse(context.tcpUdpListeners());
  }
}
