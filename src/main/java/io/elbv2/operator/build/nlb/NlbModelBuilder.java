package io.elbv2.operator.build.nlb;

import static io.elbv2.operator.build.nlb.NlbHealthChecks.TRAFFIC_PORT;
import static io.elbv2.operator.service.ServiceAnnotations.ACCESS_LOG_BUCKET;
import static io.elbv2.operator.service.ServiceAnnotations.ACCESS_LOG_ENABLED;
import static io.elbv2.operator.service.ServiceAnnotations.ACCESS_LOG_PREFIX;
import static io.elbv2.operator.service.ServiceAnnotations.ALPN_POLICY;
import static io.elbv2.operator.service.ServiceAnnotations.ATTRIBUTES;
import static io.elbv2.operator.service.ServiceAnnotations.BACKEND_PROTOCOL;
import static io.elbv2.operator.service.ServiceAnnotations.CROSS_ZONE;
import static io.elbv2.operator.service.ServiceAnnotations.DISABLE_NLB_SG;
import static io.elbv2.operator.service.ServiceAnnotations.EIP_ALLOCATIONS;
import static io.elbv2.operator.service.ServiceAnnotations.ENABLE_TCP_UDP;
import static io.elbv2.operator.service.ServiceAnnotations.INTERNAL;
import static io.elbv2.operator.service.ServiceAnnotations.IP_ADDRESS_TYPE;
import static io.elbv2.operator.service.ServiceAnnotations.MANAGE_BACKEND_RULES;
import static io.elbv2.operator.service.ServiceAnnotations.MULTI_CLUSTER;
import static io.elbv2.operator.service.ServiceAnnotations.NAME;
import static io.elbv2.operator.service.ServiceAnnotations.PORT_TARGET_GROUP_ATTRIBUTES;
import static io.elbv2.operator.service.ServiceAnnotations.PRIVATE_IPV4;
import static io.elbv2.operator.service.ServiceAnnotations.PROXY_PROTOCOL;
import static io.elbv2.operator.service.ServiceAnnotations.PROXY_PROTOCOL_PER_TARGET_GROUP;
import static io.elbv2.operator.service.ServiceAnnotations.SCHEME;
import static io.elbv2.operator.service.ServiceAnnotations.SECURITY_GROUPS;
import static io.elbv2.operator.service.ServiceAnnotations.SOURCE_RANGES;
import static io.elbv2.operator.service.ServiceAnnotations.SSL_CERT;
import static io.elbv2.operator.service.ServiceAnnotations.SSL_POLICY;
import static io.elbv2.operator.service.ServiceAnnotations.SSL_PORTS;
import static io.elbv2.operator.service.ServiceAnnotations.SUBNETS;
import static io.elbv2.operator.service.ServiceAnnotations.TAGS;
import static io.elbv2.operator.service.ServiceAnnotations.TARGET_GROUP_ATTRIBUTES;
import static io.elbv2.operator.service.ServiceAnnotations.TARGET_NODE_LABELS;
import static io.elbv2.operator.service.ServiceAnnotations.TARGET_TYPE;

import io.elbv2.operator.discovery.SubnetLookup;
import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.BindingSpec;
import io.elbv2.operator.model.BindingSpec.OpenPort;
import io.elbv2.operator.model.Cidrs;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.LoadBalancerSpec.SubnetMapping;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.ResourceNames;
import io.elbv2.operator.model.SecurityGroupSpec;
import io.elbv2.operator.model.Stack;
import io.elbv2.operator.model.TagRules;
import io.elbv2.operator.model.TargetGroupSpec;
import io.elbv2.operator.service.NlbContext;
import io.elbv2.operator.service.ServiceAnnotations;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds the {@link Stack} a Service of type LoadBalancer asks for, as the AWS Load Balancer
 * Controller builds it: one Network Load Balancer, one listener and one target group per Service
 * port number (see {@link NlbPorts}), and one TargetGroupBinding per target group. Names, tags,
 * defaults and validation follow the Go controller's, so that its load balancers are found and
 * kept. A pure function of the Service, its annotations and the {@link NlbContext}.
 */
public final class NlbModelBuilder {

  static final String MANAGED_SECURITY_GROUP = "ManagedLBSecurityGroup";
  public static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";
  private static final Set<String> RESERVED_TAG_PREFIXES =
      Set.of("elbv2.k8s.aws/", "service.k8s.aws/");

  private static final Set<String> LB_ATTRIBUTES =
      Set.of(
          "access_logs.s3.enabled",
          "access_logs.s3.bucket",
          "access_logs.s3.prefix",
          "deletion_protection.enabled",
          "load_balancing.cross_zone.enabled",
          "ipv6.deny_all_igw_traffic",
          "dns_record.client_routing_policy",
          "zonal_shift.config.enabled");

  /** The attributes above that AWS takes only {@code true} or {@code false} for. */
  private static final Set<String> BOOLEAN_LB_ATTRIBUTES =
      Set.of(
          "access_logs.s3.enabled",
          "deletion_protection.enabled",
          "load_balancing.cross_zone.enabled",
          "ipv6.deny_all_igw_traffic",
          "zonal_shift.config.enabled");

  private static final Set<String> GO_BOOLEANS =
      Set.of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False");
  private static final String PRESERVE_CLIENT_IP = "preserve_client_ip.enabled";
  private static final Set<String> ALPN =
      Set.of("HTTP1Only", "HTTP2Only", "HTTP2Optional", "HTTP2Preferred", "None");

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
    var targetType = targetType(annotations);
    var scheme = scheme(annotations);
    var ipAddressType =
        IpAddressType.valueOf(
            annotations.oneOf(IP_ADDRESS_TYPE, Set.of("ipv4", "dualstack"), "ipv4").toUpperCase());
    var commonTags = commonTags(stackId, annotations, context);

    var groupMode = securityGroupMode(annotations, context, existing);
    var userGroups =
        groupMode == SecurityGroupMode.NAMED
            ? named(
                SECURITY_GROUPS,
                () -> context.securityGroups().resolve(annotations.list(SECURITY_GROUPS)))
            : List.<String>of();
    var loadBalancer =
        new LoadBalancerSpec(
            loadBalancerName(service, annotations, context, scheme),
            LoadBalancerSpec.Type.NETWORK,
            scheme,
            ipAddressType,
            subnets(annotations, scheme, context),
            userGroups,
            lbAttributes(annotations),
            withResource(commonTags, "LoadBalancer"));

    var ports = service.getSpec().getPorts();
    if (ports == null || ports.isEmpty()) {
      throw new InvalidAnnotationException(
          "spec.ports", "a LoadBalancer Service needs at least one port");
    }
    var served = NlbPorts.of(ports, tcpUdpListeners(annotations, context)).served();
    var tls = Tls.of(annotations, ports);
    var manageBackendRules = annotations.bool(MANAGE_BACKEND_RULES).orElse(false);
    var securityGroups = new ArrayList<SecurityGroupSpec>();
    List<String> sources;
    boolean backendSecurityGroup;
    switch (groupMode) {
      case MANAGED -> {
        securityGroups.add(
            managedSecurityGroup(service, annotations, context, ipAddressType, commonTags));
        sources = List.of();
        backendSecurityGroup = true;
      }
      // Groups named by the user are theirs to open towards the targets unless they ask the
      // operator to, as with the Go controller: then the backend group joins them.
      case NAMED -> {
        sources = List.of();
        backendSecurityGroup = manageBackendRules;
      }
      default -> {
        sources = sources(service, annotations, scheme, context);
        backendSecurityGroup = false;
      }
    }
    var healthCheck = NlbHealthChecks.of(service, annotations, targetType);
    var nodeLabels =
        targetType.equals("instance")
            ? annotations.keyValues(TARGET_NODE_LABELS)
            : Map.<String, String>of();
    var multiCluster = annotations.bool(MULTI_CLUSTER).orElse(false);
    var uid = meta.getUid() == null ? "" : meta.getUid();

    var listeners = new ArrayList<ListenerSpec>();
    var targetGroups = new ArrayList<TargetGroupSpec>();
    var bindings = new ArrayList<BindingSpec>();
    for (var port : served) {
      var servicePort = port.port();
      var listenerTls = tls.appliesTo(port);
      var tgProtocol = listenerTls && tls.toTargets() ? "TLS" : port.protocol();
      var targetPort = targetPort(servicePort, targetType);
      var resourceId = stackId + ":" + servicePort.getPort();
      var tgName =
          ResourceNames.of(
              meta.getNamespace(),
              meta.getName(),
              context.clusterName(),
              uid,
              Integer.toString(targetPort),
              Integer.toString(servicePort.getPort()),
              targetType,
              tgProtocol,
              healthCheck.protocol(),
              Integer.toString(healthCheck.intervalSeconds()));
      targetGroups.add(
          new TargetGroupSpec(
              resourceId,
              tgName,
              targetType,
              tgProtocol,
              null,
              targetPort,
              "ipv4",
              context.vpcId(),
              healthCheck,
              targetGroupAttributes(annotations, servicePort.getPort()),
              withResource(commonTags, resourceId)));
      listeners.add(
          new ListenerSpec(
              servicePort.getPort(),
              listenerTls ? "TLS" : port.protocol(),
              listenerTls ? tls.certificates() : List.of(),
              listenerTls ? tls.policy() : null,
              listenerTls ? tls.alpn() : null,
              List.of(Action.Forward.to(resourceId)),
              withResource(commonTags, Integer.toString(servicePort.getPort()))));
      bindings.add(
          new BindingSpec(
              tgName,
              meta.getNamespace(),
              resourceId,
              targetType,
              meta.getName(),
              Integer.toString(servicePort.getPort()),
              "ipv4",
              sources,
              backendSecurityGroup,
              trafficPorts(port, targetType, targetPort),
              new OpenPort(
                  "TCP",
                  healthCheck.port().equals(TRAFFIC_PORT)
                      ? trafficPort(servicePort, targetType, targetPort)
                      : healthCheck.port()),
              groupMode == SecurityGroupMode.NONE ? context.vpcCidrs() : List.of(),
              nodeLabels,
              multiCluster));
    }
    return new Stack(
        stackId,
        securityGroups,
        backendSecurityGroup,
        loadBalancer,
        listeners,
        List.of(),
        targetGroups,
        bindings);
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

  /**
   * The default tags and the annotation's, with the ownership tags over both: the default tags win
   * over the annotation's unless the {@code EnableDefaultTagsLowPriority} gate is on, as in the Go
   * controller.
   */
  private static Map<String, String> commonTags(
      String stackId, Annotations annotations, NlbContext context) {
    var annotated = annotations.keyValues(TAGS);
    TagRules.check(TAGS, annotated, RESERVED_TAG_PREFIXES, context.externalManagedTags());
    return OwnershipTags.SERVICE.stackTags(
        context.clusterName(),
        stackId,
        annotated,
        context.defaultTags(),
        context.defaultTagsLowPriority());
  }

  private static Map<String, String> withResource(Map<String, String> common, String resourceId) {
    return OwnershipTags.SERVICE.withResource(common, resourceId);
  }

  /**
   * The name the Service asks for, or the Go controller's: a hash of the cluster, the Service's UID
   * and the scheme. AWS cannot rename a load balancer, so a later change of either keeps the old
   * name.
   */
  private static String loadBalancerName(
      Service service, Annotations annotations, NlbContext context, Scheme scheme) {
    var asked = annotations.string(NAME);
    if (asked.isPresent()) {
      return ResourceNames.askedLoadBalancerName(NAME, asked.get());
    }
    var meta = service.getMetadata();
    return ResourceNames.of(
        meta.getNamespace(),
        meta.getName(),
        context.clusterName(),
        meta.getUid() == null ? "" : meta.getUid(),
        scheme.aws());
  }

  /** TLS listeners: the certificates, policies and which ports, from the ssl annotations. */
  private record Tls(
      List<String> certificates,
      List<String> ports,
      String policy,
      String alpn,
      boolean toTargets) {

    static Tls of(Annotations annotations, List<ServicePort> servicePorts) {
      var certificates = annotations.list(SSL_CERT);
      var ports = annotations.list(SSL_PORTS);
      if (!ports.isEmpty() && certificates.isEmpty()) {
        throw new InvalidAnnotationException(
            SSL_PORTS, "TLS listeners need " + SSL_CERT + " with at least one certificate ARN");
      }
      for (var port : ports) {
        boolean known =
            servicePorts.stream()
                .anyMatch(
                    p -> port.equals(Integer.toString(p.getPort())) || port.equals(p.getName()));
        if (!known) {
          throw new InvalidAnnotationException(
              SSL_PORTS, "'" + port + "' is not the number or name of a port of this Service");
        }
      }
      var alpn = annotations.string(ALPN_POLICY).orElse(null);
      if (alpn != null && !ALPN.contains(alpn)) {
        throw new InvalidAnnotationException(
            ALPN_POLICY, "'" + alpn + "' is not one of " + ALPN.stream().sorted().toList());
      }
      return new Tls(
          certificates,
          ports,
          annotations.string(SSL_POLICY).orElse(DEFAULT_SSL_POLICY),
          alpn,
          annotations.string(BACKEND_PROTOCOL).filter("ssl"::equals).isPresent());
    }

    /**
     * With certificates, a TCP port is TLS when {@value ServiceAnnotations#SSL_PORTS} names it or
     * names none (every TCP port then is), as the Go controller decides; UDP never is.
     */
    boolean appliesTo(NlbPorts.Served port) {
      var servicePort = port.port();
      return port.protocol().equals("TCP")
          && !certificates.isEmpty()
          && (ports.isEmpty()
              || ports.contains(Integer.toString(servicePort.getPort()))
              || (servicePort.getName() != null && ports.contains(servicePort.getName())));
    }
  }

  /** What a lookup of the annotation's names or ids refuses, as an error naming the annotation. */
  private static List<String> named(String annotation, Supplier<List<String>> lookup) {
    try {
      return lookup.get();
    } catch (IllegalArgumentException e) {
      throw new InvalidAnnotationException(annotation, e.getMessage());
    }
  }

  private static String targetType(Annotations annotations) {
    var type = annotations.string(ServiceAnnotations.LOAD_BALANCER_TYPE).orElse("external");
    return switch (type) {
      case "nlb-ip" -> "ip";
      case "nlb" -> "instance";
      default -> annotations.oneOf(TARGET_TYPE, Set.of("ip", "instance"), "instance");
    };
  }

  private static Scheme scheme(Annotations annotations) {
    var internal = annotations.bool(INTERNAL);
    if (internal.isPresent()) {
      return internal.get() ? Scheme.INTERNAL : Scheme.INTERNET_FACING;
    }
    // The in-tree provider made internet-facing NLBs for `nlb`; Services moving over keep that
    // default.
    var inTree =
        annotations.string(ServiceAnnotations.LOAD_BALANCER_TYPE).filter("nlb"::equals).isPresent();
    var value =
        annotations.oneOf(
            SCHEME, Set.of("internal", "internet-facing"), inTree ? "internet-facing" : "internal");
    return value.equals("internal") ? Scheme.INTERNAL : Scheme.INTERNET_FACING;
  }

  private static List<SubnetMapping> subnets(
      Annotations annotations, Scheme scheme, NlbContext context) {
    var named = annotations.list(SUBNETS);
    var subnets =
        named.isEmpty()
            ? context.subnets().discover(scheme)
            : named(
                SUBNETS,
                () ->
                    context.subnets().resolve(named).stream()
                        .map(SubnetLookup.NamedSubnet::id)
                        .toList());
    if (subnets.isEmpty()) {
      throw new InvalidAnnotationException(
          SUBNETS,
          "no subnets given and none found tagged "
              + (scheme == Scheme.INTERNAL
                  ? "kubernetes.io/role/internal-elb"
                  : "kubernetes.io/role/elb")
              + " for this cluster");
    }
    var eips = annotations.list(EIP_ALLOCATIONS);
    var privateIps = annotations.list(PRIVATE_IPV4);
    if (!eips.isEmpty()) {
      if (scheme != Scheme.INTERNET_FACING) {
        throw new InvalidAnnotationException(
            EIP_ALLOCATIONS, "needs an internet-facing load balancer");
      }
      if (eips.size() != subnets.size()) {
        throw new InvalidAnnotationException(
            EIP_ALLOCATIONS,
            eips.size() + " allocations for " + subnets.size() + " subnets; give one per subnet");
      }
    }
    if (!privateIps.isEmpty()) {
      if (scheme != Scheme.INTERNAL) {
        throw new InvalidAnnotationException(PRIVATE_IPV4, "needs an internal load balancer");
      }
      for (var address : privateIps) {
        if (!Cidrs.isIpv4Address(address)) {
          throw new InvalidAnnotationException(
              PRIVATE_IPV4, "private IPv4 addresses must be valid IPv4 address: " + address);
        }
      }
      if (privateIps.size() != subnets.size()) {
        throw new InvalidAnnotationException(
            PRIVATE_IPV4,
            privateIps.size()
                + " addresses for "
                + subnets.size()
                + " subnets; give one per subnet");
      }
    }
    var mappings = new ArrayList<SubnetMapping>();
    for (int i = 0; i < subnets.size(); i++) {
      mappings.add(
          new SubnetMapping(
              subnets.get(i),
              eips.isEmpty() ? null : eips.get(i),
              privateIps.isEmpty() ? null : privateIps.get(i)));
    }
    return mappings;
  }

  /**
   * The attributes annotation, under the deprecated access log and cross-zone annotations, which
   * win where both set a key, as in the Go controller.
   */
  private static Map<String, String> lbAttributes(Annotations annotations) {
    var attributes = new LinkedHashMap<>(annotations.keyValues(ATTRIBUTES));
    attributes.keySet().stream()
        .filter(key -> !LB_ATTRIBUTES.contains(key))
        .findFirst()
        .ifPresent(
            key -> {
              throw new InvalidAnnotationException(
                  ATTRIBUTES, "'" + key + "' is not a Network Load Balancer attribute");
            });
    attributes.forEach(
        (key, value) -> {
          if (BOOLEAN_LB_ATTRIBUTES.contains(key) && !Set.of("true", "false").contains(value)) {
            throw new InvalidAnnotationException(
                ATTRIBUTES, "'" + key + "' must be true or false, not '" + value + "'");
          }
        });
    if (annotations.bool(ACCESS_LOG_ENABLED).orElse(false)) {
      attributes.put("access_logs.s3.enabled", "true");
      annotations
          .string(ACCESS_LOG_BUCKET)
          .ifPresent(b -> attributes.put("access_logs.s3.bucket", b));
      annotations
          .string(ACCESS_LOG_PREFIX)
          .ifPresent(p -> attributes.put("access_logs.s3.prefix", p));
    }
    annotations
        .bool(CROSS_ZONE)
        .ifPresent(on -> attributes.put("load_balancing.cross_zone.enabled", on.toString()));
    return attributes;
  }

  /**
   * The target group attributes annotation, then its port's own ({@code ...attributes.<port>},
   * where an empty value keeps the other), then proxy protocol: per target group, then for all.
   */
  private static Map<String, String> targetGroupAttributes(Annotations annotations, int port) {
    var attributes =
        new LinkedHashMap<>(checkedTargetGroupAttributes(annotations, TARGET_GROUP_ATTRIBUTES));
    checkedTargetGroupAttributes(annotations, PORT_TARGET_GROUP_ATTRIBUTES + port)
        .forEach(
            (key, value) -> {
              if (!value.isEmpty()) {
                attributes.put(key, value);
              }
            });
    var perTargetGroup = annotations.list(PROXY_PROTOCOL_PER_TARGET_GROUP);
    if (annotations.string(PROXY_PROTOCOL_PER_TARGET_GROUP).isPresent()) {
      for (var listed : perTargetGroup) {
        if (!Annotations.isInteger(listed, 1, 65535)) {
          throw new InvalidAnnotationException(
              PROXY_PROTOCOL_PER_TARGET_GROUP,
              "invalid port number in proxy-protocol-per-target-group: " + listed);
        }
      }
      attributes.put(
          "proxy_protocol_v2.enabled",
          Boolean.toString(perTargetGroup.contains(Integer.toString(port))));
    }
    var proxy = annotations.string(PROXY_PROTOCOL);
    if (proxy.isPresent()) {
      if (!proxy.get().equals("*")) {
        throw new InvalidAnnotationException(PROXY_PROTOCOL, "'" + proxy.get() + "' is not '*'");
      }
      attributes.put("proxy_protocol_v2.enabled", "true");
    }
    return attributes;
  }

  /**
   * A target group attributes annotation, with {@value #PRESERVE_CLIENT_IP} parsed as the Go
   * controller parses it.
   */
  private static Map<String, String> checkedTargetGroupAttributes(
      Annotations annotations, String annotation) {
    var attributes = annotations.keyValues(annotation);
    var preserve = attributes.get(PRESERVE_CLIENT_IP);
    if (preserve != null && !GO_BOOLEANS.contains(preserve)) {
      throw new InvalidAnnotationException(
          annotation, "failed to parse attribute " + PRESERVE_CLIENT_IP + "=" + preserve);
    }
    return attributes;
  }

  /** Where the load balancer's security groups come from, as the Go controller decides it. */
  private enum SecurityGroupMode {
    /** None: the targets' groups admit the source ranges (gate off, or an NLB made without). */
    NONE,
    /** The groups of {@value ServiceAnnotations#SECURITY_GROUPS}. */
    NAMED,
    /**
     * One group of the stack's own, admitting the source ranges on the listener ports, and the
     * cluster's backend group, which the targets admit.
     */
    MANAGED
  }

  private static SecurityGroupMode securityGroupMode(
      Annotations annotations, NlbContext context, Optional<LoadBalancerSpec> existing) {
    var disabled = annotations.bool(DISABLE_NLB_SG).orElse(false);
    if (existing.map(lb -> lb.securityGroups().isEmpty()).orElse(false)) {
      return SecurityGroupMode.NONE;
    }
    if (disabled || !context.nlbSecurityGroups()) {
      if (existing.isPresent()) {
        throw new InvalidAnnotationException(
            disabled ? DISABLE_NLB_SG : "feature gate NLBSecurityGroup",
            "the load balancer has security groups, which AWS cannot remove from it; delete the"
                + " Service and create it again to have one without");
      }
      return SecurityGroupMode.NONE;
    }
    return annotations.list(SECURITY_GROUPS).isEmpty()
        ? SecurityGroupMode.MANAGED
        : SecurityGroupMode.NAMED;
  }

  private static SecurityGroupSpec managedSecurityGroup(
      Service service,
      Annotations annotations,
      NlbContext context,
      IpAddressType ipAddressType,
      Map<String, String> commonTags) {
    var meta = service.getMetadata();
    var cidrs = new ArrayList<String>();
    var ranges = service.getSpec().getLoadBalancerSourceRanges();
    var source = "spec.loadBalancerSourceRanges";
    if (ranges != null && !ranges.isEmpty()) {
      cidrs.addAll(ranges);
    } else {
      cidrs.addAll(annotatedSourceRanges(annotations));
      source = SOURCE_RANGES;
    }
    for (var cidr : cidrs) {
      if (cidr.contains(":") && ipAddressType != IpAddressType.DUALSTACK) {
        throw new InvalidAnnotationException(
            source, "IPv6 range " + cidr + " needs " + IP_ADDRESS_TYPE + ": dualstack");
      }
    }
    if (cidrs.isEmpty()) {
      cidrs.add("0.0.0.0/0");
      if (ipAddressType == IpAddressType.DUALSTACK) {
        cidrs.add("::/0");
      }
    }
    var rules = new ArrayList<SecurityGroupSpec.Rule>();
    for (var port : service.getSpec().getPorts()) {
      var protocol = port.getProtocol() == null ? "tcp" : port.getProtocol().toLowerCase();
      for (var cidr : cidrs) {
        rules.add(new SecurityGroupSpec.Rule(protocol, port.getPort(), port.getPort(), cidr));
      }
    }
    return new SecurityGroupSpec(
        MANAGED_SECURITY_GROUP,
        ResourceNames.of(
            meta.getNamespace(),
            meta.getName(),
            context.clusterName(),
            meta.getName(),
            meta.getNamespace(),
            meta.getUid() == null ? "" : meta.getUid()),
        "[k8s] Managed SecurityGroup for LoadBalancer",
        context.vpcId(),
        rules,
        withResource(commonTags, MANAGED_SECURITY_GROUP));
  }

  private static List<String> sources(
      Service service, Annotations annotations, Scheme scheme, NlbContext context) {
    var ranges = service.getSpec().getLoadBalancerSourceRanges();
    if (ranges != null && !ranges.isEmpty()) {
      return List.copyOf(ranges);
    }
    var annotated = annotatedSourceRanges(annotations);
    if (!annotated.isEmpty()) {
      return annotated;
    }
    return scheme == Scheme.INTERNET_FACING ? List.of("0.0.0.0/0") : context.vpcCidrs();
  }

  /**
   * The source ranges annotation, checked, as the API server checks {@code
   * spec.loadBalancerSourceRanges}.
   */
  private static List<String> annotatedSourceRanges(Annotations annotations) {
    var ranges = annotations.list(SOURCE_RANGES);
    for (var cidr : ranges) {
      if (!Cidrs.valid(cidr)) {
        throw new InvalidAnnotationException(SOURCE_RANGES, "'" + cidr + "' is not a CIDR block");
      }
    }
    return ranges;
  }

  /** The ports of each protocol the targets take traffic on; {@code TCP_UDP} opens both. */
  private static List<OpenPort> trafficPorts(
      NlbPorts.Served port, String targetType, int targetPort) {
    var number = trafficPort(port.port(), targetType, targetPort);
    return (port.protocol().equals("TCP_UDP")
            ? List.of("TCP", "UDP")
            : List.of(port.protocol().equals("UDP") ? "UDP" : "TCP"))
        .stream().map(protocol -> new OpenPort(protocol, number)).toList();
  }

  /** A named target port stays a name: the pods' port of that name, resolved per pod. */
  private static String trafficPort(ServicePort port, String targetType, int targetPort) {
    var target = port.getTargetPort();
    return targetType.equals("ip") && target != null && target.getStrVal() != null
        ? target.getStrVal()
        : Integer.toString(targetPort);
  }

  /**
   * The node port for instance targets; for ip targets the target port, or 1 when it is named (the
   * pods' port of that name is resolved per target, so the group's own port is not used), as the Go
   * controller sets it.
   */
  private static int targetPort(ServicePort port, String targetType) {
    if (targetType.equals("instance")) {
      if (port.getNodePort() == null) {
        throw new InvalidAnnotationException(
            "spec.ports",
            "port " + port.getPort() + " has no node port yet, which instance targets need");
      }
      return port.getNodePort();
    }
    var target = port.getTargetPort();
    if (target == null) {
      return port.getPort();
    }
    return target.getIntVal() != null ? target.getIntVal() : 1;
  }
}
