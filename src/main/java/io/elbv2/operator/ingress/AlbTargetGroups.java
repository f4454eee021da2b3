package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.BACKEND_PROTOCOL;
import static io.elbv2.operator.ingress.AlbAnnotations.BACKEND_PROTOCOL_VERSION;
import static io.elbv2.operator.ingress.AlbAnnotations.TARGET_GROUP_ATTRIBUTES;
import static io.elbv2.operator.ingress.AlbAnnotations.TARGET_TYPE;

import io.elbv2.operator.build.TargetPorts;
import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.kubernetes.HealthCheckPorts;
import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.BindingSpec;
import io.elbv2.operator.model.BindingSpec.OpenPort;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.ResourceNames;
import io.elbv2.operator.model.TargetGroupSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The target groups of an IngressGroup's load balancer and their bindings, one per (Ingress,
 * Service, port) as the Go controller's {@code model_build_target_group.go} makes them, with its
 * ALB defaults: instance targets, HTTP/1 to the targets and {@link AlbHealthChecks}. A Service's
 * own {@code alb.ingress.kubernetes.io/} annotations win over its Ingress's.
 */
final class AlbTargetGroups {

  static final String TRAFFIC_PORT = HealthCheckPorts.TRAFFIC_PORT;
  static final String MISSING_SERVICE = "Backend service does not exist";

  private final String groupId;
  private final AlbContext context;
  private final Function<String, Optional<Service>> services;
  private final Map<String, String> commonTags;
  private final Map<String, TargetGroupSpec> groups = new LinkedHashMap<>();
  private final List<BindingSpec> bindings = new ArrayList<>();

  /**
   * @param services the Service of a {@code <namespace>/<name>}
   */
  AlbTargetGroups(
      String groupId,
      AlbContext context,
      Function<String, Optional<Service>> services,
      Map<String, String> commonTags) {
    this.groupId = groupId;
    this.context = context;
    this.services = services;
    this.commonTags = commonTags;
  }

  /**
   * Where a path or default backend sends requests: its target group, or, for a Service that does
   * not exist, a fixed 503 response as the Go controller answers by default ({@code
   * --tolerate-non-existent-backend-service}), so that the rest of the Ingress is served and the
   * rule forwards once the Service is made.
   */
  List<Action> actionsTo(Ingress ingress, IngressServiceBackend backend) {
    var port = backend.getPort();
    if (port != null && AnnotatedActions.USE_ANNOTATION.equals(port.getName())) {
      return List.of(
          AnnotatedActions.of(ingress, backend.getName(), this, context.targetGroupNames()));
    }
    return List.of(
        of(ingress, backend.getName(), portRef(backend))
            .<Action>map(Action.Forward::to)
            .orElseGet(() -> new Action.FixedResponse(503, "text/plain", MISSING_SERVICE)));
  }

  /**
   * The resource id of the target group for a port of a Service of the Ingress's namespace, made
   * the first time it is named; empty if the Service does not exist.
   *
   * @param portRef the Service port's number or name
   */
  Optional<String> of(Ingress ingress, String serviceName, String portRef) {
    var meta = ingress.getMetadata();
    var found = services.apply(meta.getNamespace() + "/" + serviceName);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    var service = found.get();
    var resourceId = meta.getNamespace() + "/" + meta.getName() + "-" + serviceName + ":" + portRef;
    if (groups.containsKey(resourceId)) {
      return Optional.of(resourceId);
    }
    var servicePort = servicePort(service, portRef);
    var merged = new HashMap<String, String>();
    Optional.ofNullable(meta.getAnnotations()).ifPresent(merged::putAll);
    Optional.ofNullable(service.getMetadata().getAnnotations()).ifPresent(merged::putAll);
    var annotations = new Annotations(merged);
    var targetType = annotations.oneOf(TARGET_TYPE, Set.of("instance", "ip"), "instance");
    var protocol = annotations.oneOf(BACKEND_PROTOCOL, Set.of("HTTP", "HTTPS"), "HTTP");
    var version =
        annotations.oneOf(BACKEND_PROTOCOL_VERSION, Set.of("HTTP1", "HTTP2", "GRPC"), "HTTP1");
    var targetPort =
        TargetPorts.of(
            servicePort,
            targetType,
            TARGET_TYPE,
            "port "
                + portRef
                + " of the Service has no node port, which instance targets need;"
                + " make the Service a NodePort or use ip targets");
    var healthCheck = AlbHealthChecks.build(annotations, protocol, version, service, targetType);
    var name =
        ResourceNames.of(
            service.getMetadata().getNamespace(),
            service.getMetadata().getName(),
            context.clusterName(),
            groupId,
            meta.getNamespace(),
            meta.getName(),
            service.getMetadata().getUid(),
            portRef,
            Integer.toString(targetPort),
            targetType,
            protocol,
            version);
    var tags = OwnershipTags.INGRESS.withResource(commonTags, resourceId);
    groups.put(
        resourceId,
        new TargetGroupSpec(
            resourceId,
            name,
            targetType,
            protocol,
            version,
            targetPort,
            "ipv4",
            context.vpcId(),
            healthCheck,
            annotations.keyValues(TARGET_GROUP_ATTRIBUTES),
            tags));
    var traffic = TargetPorts.traffic(servicePort, targetType, targetPort);
    bindings.add(
        new BindingSpec(
            name,
            meta.getNamespace(),
            resourceId,
            targetType,
            serviceName,
            portRef,
            "ipv4",
            List.of(),
            true,
            List.of(new OpenPort("TCP", traffic)),
            new OpenPort(
                "TCP", healthCheck.port().equals(TRAFFIC_PORT) ? traffic : healthCheck.port()),
            List.of(),
            Map.of(),
            false));
    return Optional.of(resourceId);
  }

  List<TargetGroupSpec> targetGroups() {
    return List.copyOf(groups.values());
  }

  List<BindingSpec> bindings() {
    return List.copyOf(bindings);
  }

  private static String portRef(IngressServiceBackend backend) {
    var port = backend.getPort();
    if (port == null || (port.getNumber() == null && port.getName() == null)) {
      throw new InvalidAnnotationException(
          "spec.rules[].http.paths[].backend.service.port",
          "the backend of Service " + backend.getName() + " names no port");
    }
    return port.getNumber() != null ? Integer.toString(port.getNumber()) : port.getName();
  }

  private static ServicePort servicePort(Service service, String portRef) {
    return Optional.ofNullable(service.getSpec().getPorts()).orElse(List.of()).stream()
        .filter(p -> portRef.equals(Integer.toString(p.getPort())) || portRef.equals(p.getName()))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidAnnotationException(
                    "spec.rules[].http.paths[].backend.service.port",
                    "Service " + service.getMetadata().getName() + " has no port " + portRef));
  }
}
