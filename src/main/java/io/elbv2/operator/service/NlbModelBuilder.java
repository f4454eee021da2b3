package io.elbv2.operator.service;

import static io.elbv2.operator.service.ServiceAnnotations.PREFIX;

import io.elbv2.operator.model.BindingSpec;
import io.elbv2.operator.model.BindingSpec.OpenPort;
import io.elbv2.operator.model.HealthCheckSpec;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.LoadBalancerSpec.SubnetMapping;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.SecurityGroupSpec;
import io.elbv2.operator.model.Stack;
import io.elbv2.operator.model.TargetGroupSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link Stack} a Service of type LoadBalancer asks for: one Network Load Balancer, one
 * listener and one target group per Service port (TCP and UDP on the same port share a TCP_UDP
 * listener), and one TargetGroupBinding per target group. A pure function of the Service, its
 * annotations and the {@link NlbContext}; annotations follow the AWS Load Balancer Controller's
 * names and defaults.
 */
public final class NlbModelBuilder {

  static final String TARGET_TYPE = PREFIX + "aws-load-balancer-nlb-target-type";
  static final String SCHEME = PREFIX + "aws-load-balancer-scheme";
  static final String INTERNAL = PREFIX + "aws-load-balancer-internal";
  static final String SUBNETS = PREFIX + "aws-load-balancer-subnets";
  static final String EIP_ALLOCATIONS = PREFIX + "aws-load-balancer-eip-allocations";
  static final String PRIVATE_IPV4 = PREFIX + "aws-load-balancer-private-ipv4-addresses";
  static final String IP_ADDRESS_TYPE = PREFIX + "aws-load-balancer-ip-address-type";
  static final String ATTRIBUTES = PREFIX + "aws-load-balancer-attributes";
  static final String TAGS = PREFIX + "aws-load-balancer-additional-resource-tags";
  static final String SECURITY_GROUPS = PREFIX + "aws-load-balancer-security-groups";
  static final String MANAGE_BACKEND_RULES =
      PREFIX + "aws-load-balancer-manage-backend-security-group-rules";
  static final String SSL_PORTS = PREFIX + "aws-load-balancer-ssl-ports";
  static final String SSL_CERT = PREFIX + "aws-load-balancer-ssl-cert";
  static final String SSL_POLICY = PREFIX + "aws-load-balancer-ssl-negotiation-policy";
  static final String ALPN_POLICY = PREFIX + "aws-load-balancer-alpn-policy";
  static final String PROXY_PROTOCOL = PREFIX + "aws-load-balancer-proxy-protocol";
  static final String TARGET_GROUP_ATTRIBUTES =
      PREFIX + "aws-load-balancer-target-group-attributes";
  static final String HC_PROTOCOL = PREFIX + "aws-load-balancer-healthcheck-protocol";
  static final String HC_PORT = PREFIX + "aws-load-balancer-healthcheck-port";
  static final String HC_PATH = PREFIX + "aws-load-balancer-healthcheck-path";
  static final String HC_INTERVAL = PREFIX + "aws-load-balancer-healthcheck-interval";
  static final String HC_TIMEOUT = PREFIX + "aws-load-balancer-healthcheck-timeout";
  static final String HC_HEALTHY = PREFIX + "aws-load-balancer-healthcheck-healthy-threshold";
  static final String HC_UNHEALTHY = PREFIX + "aws-load-balancer-healthcheck-unhealthy-threshold";
  static final String HC_SUCCESS_CODES = PREFIX + "aws-load-balancer-healthcheck-success-codes";
  static final String SOURCE_RANGES = PREFIX + "load-balancer-source-ranges";

  static final String MANAGED_SECURITY_GROUP = "ManagedLBSecurityGroup";
  private static final String TRAFFIC_PORT = "traffic-port";
  static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-2016-08";

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
    var stackId = meta.getNamespace() + "/" + meta.getName();
    var targetType = targetType(annotations);
    var scheme = scheme(annotations);
    var ipAddressType =
        IpAddressType.valueOf(
            annotations.oneOf(IP_ADDRESS_TYPE, Set.of("ipv4", "dualstack"), "ipv4").toUpperCase());
    var ownTags =
        Map.of(
            OwnershipTags.CLUSTER,
            context.clusterName(),
            OwnershipTags.SERVICE.stackKey(),
            stackId);
    var extraTags = annotations.keyValues(TAGS);
    extraTags.keySet().stream()
        .filter(key -> key.startsWith("elbv2.k8s.aws/") || key.startsWith("service.k8s.aws/"))
        .findFirst()
        .ifPresent(
            key -> {
              throw new InvalidAnnotationException(
                  TAGS, "tag '" + key + "' is reserved for the operator");
            });
    extraTags.keySet().stream()
        .filter(context.externalManagedTags()::contains)
        .findFirst()
        .ifPresent(
            key -> {
              throw new InvalidAnnotationException(
                  TAGS,
                  "tag '"
                      + key
                      + "' is managed outside the operator (elbv2.external-managed-tags)");
            });
    var commonTags = new LinkedHashMap<>(context.defaultTags());
    commonTags.putAll(extraTags);
    commonTags.putAll(ownTags);

    var groupMode = securityGroupMode(annotations, context, existing);
    var userGroups =
        groupMode == SecurityGroupMode.NAMED
            ? context.securityGroups().resolve(annotations.list(SECURITY_GROUPS))
            : List.<String>of();
    var lbTags = new LinkedHashMap<>(commonTags);
    lbTags.put(OwnershipTags.SERVICE.resourceKey(), "LoadBalancer");
    var loadBalancer =
        new LoadBalancerSpec(
            name(meta.getNamespace(), meta.getName(), context.clusterName() + stackId + scheme),
            LoadBalancerSpec.Type.NETWORK,
            scheme,
            ipAddressType,
            subnets(annotations, scheme, context),
            userGroups,
            lbAttributes(annotations),
            lbTags);

    var ports = service.getSpec().getPorts();
    if (ports == null || ports.isEmpty()) {
      throw new InvalidAnnotationException(
          "spec.ports", "a LoadBalancer Service needs at least one port");
    }
    var sslPorts = annotations.list(SSL_PORTS);
    var certificates = annotations.list(SSL_CERT);
    if (!sslPorts.isEmpty() && certificates.isEmpty()) {
      throw new InvalidAnnotationException(
          SSL_PORTS, "TLS listeners need " + SSL_CERT + " with at least one certificate ARN");
    }
    var alpn = annotations.string(ALPN_POLICY).orElse(null);
    if (alpn != null && !ALPN.contains(alpn)) {
      throw new InvalidAnnotationException(
          ALPN_POLICY, "'" + alpn + "' is not one of " + ALPN.stream().sorted().toList());
    }
    var manageBackendRules =
        annotations.oneOf(MANAGE_BACKEND_RULES, Set.of("true", "false"), "false").equals("true");
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
    var healthCheck = healthCheck(annotations);
    var tgAttributes = targetGroupAttributes(annotations);

    var listeners = new ArrayList<ListenerSpec>();
    var targetGroups = new ArrayList<TargetGroupSpec>();
    var bindings = new ArrayList<BindingSpec>();
    for (var port : mergeTcpAndUdp(ports)) {
      boolean tls = "TCP".equals(port.protocol()) && isSslPort(sslPorts, port.servicePort());
      var listenerProtocol = tls ? "TLS" : port.protocol();
      var targetPort = targetPort(port.servicePort(), targetType, service);
      var resourceId = stackId + ":" + port.servicePort().getPort();
      var tgName =
          name(
              meta.getNamespace(),
              meta.getName(),
              resourceId + port.protocol() + targetType + targetPort);
      var tgTags = new LinkedHashMap<>(commonTags);
      tgTags.put(OwnershipTags.SERVICE.resourceKey(), resourceId);
      targetGroups.add(
          new TargetGroupSpec(
              resourceId,
              tgName,
              targetType,
              port.protocol(),
              targetPort,
              "ipv4",
              context.vpcId(),
              healthCheck,
              tgAttributes,
              tgTags));
      listeners.add(
          new ListenerSpec(
              port.servicePort().getPort(),
              listenerProtocol,
              tls ? certificates : List.of(),
              tls ? annotations.string(SSL_POLICY).orElse(DEFAULT_SSL_POLICY) : null,
              tls ? alpn : null,
              resourceId));
      bindings.add(
          new BindingSpec(
              tgName,
              meta.getNamespace(),
              resourceId,
              targetType,
              meta.getName(),
              port.servicePort().getPort(),
              "ipv4",
              sources,
              backendSecurityGroup,
              trafficPorts(port, targetType, targetPort),
              new OpenPort(
                  "TCP",
                  healthCheck.port().equals(TRAFFIC_PORT)
                      ? trafficPort(port.servicePort(), targetType, targetPort)
                      : healthCheck.port()),
              groupMode == SecurityGroupMode.NONE ? context.vpcCidrs() : List.of()));
    }
    return new Stack(
        stackId,
        securityGroups,
        backendSecurityGroup,
        loadBalancer,
        listeners,
        targetGroups,
        bindings);
  }

  /** A Service port with the protocol its listener and target group use. */
  private record PortProtocol(ServicePort servicePort, String protocol) {}

  private static List<PortProtocol> mergeTcpAndUdp(List<ServicePort> ports) {
    var byNumber = new LinkedHashMap<Integer, PortProtocol>();
    for (var port : ports) {
      var protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      if (!protocol.equals("TCP") && !protocol.equals("UDP")) {
        throw new InvalidAnnotationException(
            "spec.ports",
            "protocol " + protocol + " of port " + port.getPort() + " is not TCP or UDP");
      }
      var existing = byNumber.get(port.getPort());
      if (existing == null) {
        byNumber.put(port.getPort(), new PortProtocol(port, protocol));
      } else if (!existing.protocol().equals(protocol)) {
        byNumber.put(port.getPort(), new PortProtocol(existing.servicePort(), "TCP_UDP"));
      }
    }
    return List.copyOf(byNumber.values());
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
    var internal = annotations.string(INTERNAL);
    if (internal.isPresent()) {
      var value = annotations.oneOf(INTERNAL, Set.of("true", "false"), "true");
      return value.equals("true") ? Scheme.INTERNAL : Scheme.INTERNET_FACING;
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
        named.isEmpty() ? context.subnets().discover(scheme) : context.subnets().resolve(named);
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

  private static Map<String, String> lbAttributes(Annotations annotations) {
    var attributes = annotations.keyValues(ATTRIBUTES);
    attributes.keySet().stream()
        .filter(key -> !LB_ATTRIBUTES.contains(key))
        .findFirst()
        .ifPresent(
            key -> {
              throw new InvalidAnnotationException(
                  ATTRIBUTES, "'" + key + "' is not a Network Load Balancer attribute");
            });
    return attributes;
  }

  private static Map<String, String> targetGroupAttributes(Annotations annotations) {
    var attributes = new LinkedHashMap<>(annotations.keyValues(TARGET_GROUP_ATTRIBUTES));
    var proxy = annotations.string(PROXY_PROTOCOL);
    if (proxy.isPresent()) {
      if (!proxy.get().equals("*")) {
        throw new InvalidAnnotationException(PROXY_PROTOCOL, "'" + proxy.get() + "' is not '*'");
      }
      attributes.put("proxy_protocol_v2.enabled", "true");
    }
    return attributes;
  }

  private static HealthCheckSpec healthCheck(Annotations annotations) {
    var protocol =
        annotations
            .oneOf(HC_PROTOCOL, Set.of("tcp", "http", "https", "TCP", "HTTP", "HTTPS"), "tcp")
            .toUpperCase();
    var port = annotations.string(HC_PORT).orElse(TRAFFIC_PORT);
    if (!port.equals(TRAFFIC_PORT)) {
      annotations.integer(HC_PORT, 0, 1, 65535);
    }
    boolean http = !protocol.equals("TCP");
    return new HealthCheckSpec(
        protocol,
        port,
        http ? annotations.string(HC_PATH).orElse("/") : null,
        annotations.integer(HC_INTERVAL, 10, 5, 300),
        annotations.integer(HC_TIMEOUT, 10, 2, 120),
        annotations.integer(HC_HEALTHY, 3, 2, 10),
        annotations.integer(HC_UNHEALTHY, 3, 2, 10),
        http ? annotations.string(HC_SUCCESS_CODES).orElse("200-399") : null);
  }

  /** Where the load balancer's security groups come from, as the Go controller decides it. */
  private enum SecurityGroupMode {
    /** None: the targets' groups admit the source ranges (gate off, or an NLB made without). */
    NONE,
    /** The groups of {@value #SECURITY_GROUPS}. */
    NAMED,
    /**
     * One group of the stack's own, admitting the source ranges on the listener ports, and the
     * cluster's backend group, which the targets admit.
     */
    MANAGED
  }

  private static SecurityGroupMode securityGroupMode(
      Annotations annotations, NlbContext context, Optional<LoadBalancerSpec> existing) {
    if (!context.nlbSecurityGroups()
        || existing.map(lb -> lb.securityGroups().isEmpty()).orElse(false)) {
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
      cidrs.addAll(annotations.list(SOURCE_RANGES));
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
    var tags = new LinkedHashMap<>(commonTags);
    tags.put(OwnershipTags.SERVICE.resourceKey(), MANAGED_SECURITY_GROUP);
    var uid = meta.getUid() == null ? "" : meta.getUid();
    return new SecurityGroupSpec(
        MANAGED_SECURITY_GROUP,
        name(
            meta.getNamespace(),
            meta.getName(),
            context.clusterName() + meta.getName() + meta.getNamespace() + uid),
        "[k8s] Managed SecurityGroup for LoadBalancer",
        context.vpcId(),
        rules,
        tags);
  }

  private static List<String> sources(
      Service service, Annotations annotations, Scheme scheme, NlbContext context) {
    var ranges = service.getSpec().getLoadBalancerSourceRanges();
    if (ranges != null && !ranges.isEmpty()) {
      return List.copyOf(ranges);
    }
    var annotated = annotations.list(SOURCE_RANGES);
    if (!annotated.isEmpty()) {
      return annotated;
    }
    return scheme == Scheme.INTERNET_FACING ? List.of("0.0.0.0/0") : context.vpcCidrs();
  }

  private static boolean isSslPort(List<String> sslPorts, ServicePort port) {
    return sslPorts.contains("*")
        || sslPorts.contains(Integer.toString(port.getPort()))
        || (port.getName() != null && sslPorts.contains(port.getName()));
  }

  /** The ports of each protocol the targets take traffic on; {@code TCP_UDP} opens both. */
  private static List<OpenPort> trafficPorts(PortProtocol port, String targetType, int targetPort) {
    var number = trafficPort(port.servicePort(), targetType, targetPort);
    return (port.protocol().equals("TCP_UDP") ? List.of("TCP", "UDP") : List.of(port.protocol()))
        .stream().map(protocol -> new OpenPort(protocol, number)).toList();
  }

  /** A named target port stays a name: the pods' port of that name, resolved per pod. */
  private static String trafficPort(ServicePort port, String targetType, int targetPort) {
    var target = port.getTargetPort();
    return targetType.equals("ip") && target != null && target.getStrVal() != null
        ? target.getStrVal()
        : Integer.toString(targetPort);
  }

  private static int targetPort(ServicePort port, String targetType, Service service) {
    if (targetType.equals("instance")) {
      if (port.getNodePort() == null) {
        throw new InvalidAnnotationException(
            "spec.ports",
            "port " + port.getPort() + " has no node port yet, which instance targets need");
      }
      return port.getNodePort();
    }
    var target = port.getTargetPort();
    // A named target port resolves per pod; the target group's own port is then only a default.
    return target != null && target.getIntVal() != null ? target.getIntVal() : port.getPort();
  }

  /**
   * {@code k8s-<namespace:8>-<name:8>-<hash:10>}, the Go controller's shape, within the 32
   * characters AWS allows.
   */
  static String name(String namespace, String name, String seed) {
    return "k8s-"
        + sanitize(namespace, 8)
        + "-"
        + sanitize(name, 8)
        + "-"
        + hash(seed).substring(0, 10);
  }

  private static String sanitize(String text, int max) {
    var clean = text.replaceAll("[^A-Za-z0-9]", "");
    return clean.length() > max ? clean.substring(0, max) : clean;
  }

  private static String hash(String text) {
    try {
      var digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
