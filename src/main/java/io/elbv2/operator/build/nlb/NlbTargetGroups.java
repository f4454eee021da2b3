package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.NlbHealthChecks.TRAFFIC_PORT;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.MULTI_CLUSTER;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.TARGET_NODE_LABELS;
import static io.elbv2.operator.build.nlb.ServiceAnnotations.TARGET_TYPE;

import io.elbv2.operator.build.TargetPorts;
import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.BindingSpec;
import io.elbv2.operator.model.BindingSpec.OpenPort;
import io.elbv2.operator.model.HealthCheckSpec;
import io.elbv2.operator.model.ResourceNames;
import io.elbv2.operator.model.TargetGroupSpec;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The target groups of a Service's NLB and their bindings, one per served port as the Go
 * controller's {@code model_build_target_group.go} makes them: the {@link NlbHealthChecks}, the
 * {@link NlbTargetGroupAttributes}, and what the {@link NlbSecurityGroups.Access} lets reach the
 * targets.
 */
final class NlbTargetGroups {

  private final Service service;
  private final Annotations annotations;
  private final NlbContext context;
  private final String targetType;
  private final NlbSecurityGroups.Access access;
  private final Map<String, String> commonTags;
  private final HealthCheckSpec healthCheck;
  private final Map<String, String> nodeLabels;
  private final boolean multiCluster;
  private final List<TargetGroupSpec> targetGroups = new ArrayList<>();
  private final List<BindingSpec> bindings = new ArrayList<>();

  NlbTargetGroups(
      Service service,
      Annotations annotations,
      NlbContext context,
      String targetType,
      NlbSecurityGroups.Access access,
      Map<String, String> commonTags) {
    this.service = service;
    this.annotations = annotations;
    this.context = context;
    this.targetType = targetType;
    this.access = access;
    this.commonTags = commonTags;
    this.healthCheck = NlbHealthChecks.of(service, annotations, targetType);
    this.nodeLabels =
        targetType.equals("instance") ? annotations.keyValues(TARGET_NODE_LABELS) : Map.of();
    this.multiCluster = annotations.bool(MULTI_CLUSTER).orElse(false);
  }

  /**
   * {@code instance} or {@code ip}, from the load balancer type or {@value
   * ServiceAnnotations#TARGET_TYPE}.
   */
  static String targetType(Annotations annotations) {
    var type = annotations.string(ServiceAnnotations.LOAD_BALANCER_TYPE).orElse("external");
    return switch (type) {
      case "nlb-ip" -> "ip";
      case "nlb" -> "instance";
      default -> annotations.oneOf(TARGET_TYPE, Set.of("ip", "instance"), "instance");
    };
  }

  /**
   * Makes the target group of a served port and its binding.
   *
   * @return the target group's resource id
   */
  String add(NlbPorts.Served port, String protocol) {
    var meta = service.getMetadata();
    var servicePort = port.port();
    var targetPort =
        TargetPorts.of(
            servicePort,
            targetType,
            "spec.ports",
            "port " + servicePort.getPort() + " has no node port yet, which instance targets need");
    var resourceId = meta.getNamespace() + "/" + meta.getName() + ":" + servicePort.getPort();
    var tgName =
        ResourceNames.of(
            meta.getNamespace(),
            meta.getName(),
            context.clusterName(),
            meta.getUid() == null ? "" : meta.getUid(),
            Integer.toString(targetPort),
            Integer.toString(servicePort.getPort()),
            targetType,
            protocol,
            healthCheck.protocol(),
            Integer.toString(healthCheck.intervalSeconds()));
    targetGroups.add(
        new TargetGroupSpec(
            resourceId,
            tgName,
            targetType,
            protocol,
            null,
            targetPort,
            "ipv4",
            context.vpcId(),
            healthCheck,
            NlbTargetGroupAttributes.of(annotations, servicePort.getPort()),
            NlbTags.withResource(commonTags, resourceId)));
    var traffic = TargetPorts.traffic(servicePort, targetType, targetPort);
    bindings.add(
        new BindingSpec(
            tgName,
            meta.getNamespace(),
            resourceId,
            targetType,
            meta.getName(),
            Integer.toString(servicePort.getPort()),
            "ipv4",
            access.sources(),
            access.backendSecurityGroup(),
            trafficPorts(port, traffic),
            new OpenPort(
                "TCP", healthCheck.port().equals(TRAFFIC_PORT) ? traffic : healthCheck.port()),
            access.healthCheckSources(),
            nodeLabels,
            multiCluster));
    return resourceId;
  }

  List<TargetGroupSpec> targetGroups() {
    return List.copyOf(targetGroups);
  }

  List<BindingSpec> bindings() {
    return List.copyOf(bindings);
  }

  /** The ports of each protocol the targets take traffic on; {@code TCP_UDP} opens both. */
  private static List<OpenPort> trafficPorts(NlbPorts.Served port, String traffic) {
    return (port.protocol().equals("TCP_UDP")
            ? List.of("TCP", "UDP")
            : List.of(port.protocol().equals("UDP") ? "UDP" : "TCP"))
        .stream().map(protocol -> new OpenPort(protocol, traffic)).toList();
  }
}
