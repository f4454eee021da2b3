package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBindingSpec.ServiceReference;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The targets a binding wants, computed from Kubernetes objects only: ready pod endpoints ({@code
 * ip}) or eligible nodes on the Service's node port ({@code instance}).
 */
public final class Backends {

  static final String EXCLUDE_FROM_LOAD_BALANCERS =
      "node.kubernetes.io/exclude-from-external-load-balancers";
  static final String TO_BE_DELETED_TAINT = "ToBeDeletedByClusterAutoscaler";

  private Backends() {}

  /** The Service port a binding names, by number or by name. */
  public static ServicePort servicePort(Service service, ServiceReference ref) {
    var wanted = ref.port();
    return service.getSpec().getPorts().stream()
        .filter(
            port ->
                wanted.getIntVal() != null
                    ? wanted.getIntVal().equals(port.getPort())
                    : wanted.getStrVal().equals(port.getName()))
        .findFirst()
        .orElseThrow(
            () ->
                new BindingProblem(
                    "ServicePortNotFound",
                    "Service "
                        + service.getMetadata().getName()
                        + " has no port "
                        + wanted.getValue()));
  }

  /**
   * Ready endpoints of the Service port, on the port each pod listens on (named target ports
   * resolved per pod).
   */
  public static Set<Target> ipTargets(
      ServicePort servicePort, Collection<EndpointSlice> slices, boolean ipv6) {
    return ipTargets(servicePort, slices, ipv6, pod -> false);
  }

  /**
   * As {@link #ipTargets(ServicePort, Collection, boolean)}, and also the endpoints that are not
   * ready only because their pod waits for its readiness gates ({@code readyButForGates} names such
   * pods): a gate turns True only once the target is registered and healthy, so these must be
   * registered first, as the Go controller does.
   */
  public static Set<Target> ipTargets(
      ServicePort servicePort,
      Collection<EndpointSlice> slices,
      boolean ipv6,
      Predicate<String> readyButForGates) {
    var targets = new TreeSet<Target>();
    var addressType = ipv6 ? "IPv6" : "IPv4";
    for (var slice : slices) {
      if (!addressType.equals(slice.getAddressType()) || slice.getPorts() == null) {
        continue;
      }
      var port =
          slice.getPorts().stream()
              .filter(
                  p -> Objects.equals(emptyToNull(p.getName()), emptyToNull(servicePort.getName())))
              .filter(p -> p.getPort() != null)
              .findFirst();
      if (port.isEmpty() || slice.getEndpoints() == null) {
        continue;
      }
      for (var endpoint : slice.getEndpoints()) {
        var conditions = endpoint.getConditions();
        boolean ready = conditions != null && Boolean.TRUE.equals(conditions.getReady());
        boolean terminating =
            conditions != null && Boolean.TRUE.equals(conditions.getTerminating());
        var pod = podName(endpoint.getTargetRef());
        if (terminating || !(ready || pod != null && readyButForGates.test(pod))) {
          continue;
        }
        for (var address : endpoint.getAddresses()) {
          targets.add(new Target(address, port.get().getPort(), endpoint.getNodeName(), pod));
        }
      }
    }
    return targets;
  }

  /** Eligible nodes on the Service's node port. */
  public static Set<Target> instanceTargets(
      Service service,
      ServicePort servicePort,
      Collection<Node> nodes,
      LabelSelector nodeSelector) {
    if (servicePort.getNodePort() == null) {
      throw new BindingProblem(
          "NodePortNotFound",
          "Service "
              + service.getMetadata().getName()
              + " port "
              + servicePort.getPort()
              + " has no node port, which instance targets need (use type NodePort or LoadBalancer)");
    }
    var targets = new TreeSet<Target>();
    for (var node : nodes) {
      if (eligible(node) && LabelSelectors.matches(nodeSelector, node.getMetadata().getLabels())) {
        instanceId(node)
            .ifPresent(
                id ->
                    targets.add(
                        new Target(
                            id, servicePort.getNodePort(), node.getMetadata().getName(), null)));
      }
    }
    return targets;
  }

  /**
   * Ready, not excluded from load balancers and not about to be removed by the cluster autoscaler.
   */
  static boolean eligible(Node node) {
    var labels = node.getMetadata().getLabels();
    if (labels != null && labels.containsKey(EXCLUDE_FROM_LOAD_BALANCERS)) {
      return false;
    }
    if (node.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    var taints = node.getSpec() == null ? null : node.getSpec().getTaints();
    if (taints != null && taints.stream().anyMatch(t -> TO_BE_DELETED_TAINT.equals(t.getKey()))) {
      return false;
    }
    var status = node.getStatus();
    return status != null
        && status.getConditions() != null
        && status.getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The EC2 instance id in {@code spec.providerID} ({@code aws:///<zone>/<instance-id>}). */
  public static Optional<String> instanceId(Node node) {
    var providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
    if (providerId == null || !providerId.startsWith("aws://")) {
      return Optional.empty();
    }
    var id = providerId.substring(providerId.lastIndexOf('/') + 1);
    return id.startsWith("i-") ? Optional.of(id) : Optional.empty();
  }

  private static String podName(ObjectReference ref) {
    return ref != null && "Pod".equals(ref.getKind()) ? ref.getName() : null;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
