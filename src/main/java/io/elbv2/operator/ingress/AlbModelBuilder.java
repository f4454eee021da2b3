package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbAnnotations.INBOUND_CIDRS;
import static io.elbv2.operator.ingress.AlbAnnotations.IP_ADDRESS_TYPE;
import static io.elbv2.operator.ingress.AlbAnnotations.LISTEN_PORTS;
import static io.elbv2.operator.ingress.AlbAnnotations.LOAD_BALANCER_ATTRIBUTES;
import static io.elbv2.operator.ingress.AlbAnnotations.LOAD_BALANCER_NAME;
import static io.elbv2.operator.ingress.AlbAnnotations.SCHEME;
import static io.elbv2.operator.ingress.AlbAnnotations.SUBNETS;
import static io.elbv2.operator.ingress.AlbAnnotations.TAGS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbv2.operator.kubernetes.Annotations;
import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.Cidrs;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.LoadBalancerSpec.SubnetMapping;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.ResourceNames;
import io.elbv2.operator.model.RuleSpec;
import io.elbv2.operator.model.RuleSpec.Condition;
import io.elbv2.operator.model.SecurityGroupSpec;
import io.elbv2.operator.model.Stack;
import io.elbv2.operator.model.TagRules;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the {@link Stack} of an {@link IngressGroup}: one Application Load Balancer, a listener
 * per listen port of its members, their rules (members in group order, each member's rules and
 * paths in the Go controller's order, priorities 1..N per listener), the target groups and their
 * bindings, and a managed security group open to the inbound CIDRs on the listen ports. A pure
 * function of the group, its Services and the {@link AlbContext}; every bad value is an error that
 * names its annotation or field.
 */
public final class AlbModelBuilder {

  static final String MANAGED_SECURITY_GROUP = "ManagedLBSecurityGroup";
  static final int MAX_RULES = 100;
  static final int MAX_TARGET_GROUPS = 100;
  static final int MAX_CONDITION_VALUES = 5;
  private static final Set<String> RESERVED_TAG_PREFIXES =
      Set.of("elbv2.k8s.aws/", "ingress.k8s.aws/");
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlbModelBuilder() {}

  /**
   * @param services the Service of a {@code <namespace>/<name>}, as the cluster has it
   */
  public static Stack build(
      IngressGroup group, Function<String, Optional<Service>> services, AlbContext context) {
    if (group.members().isEmpty()) {
      throw new IllegalArgumentException("a group without members has no load balancer");
    }
    for (var member : group.members()) {
      var refused = AlbAnnotations.refused(annotations(member.ingress()).names());
      if (!refused.isEmpty()) {
        throw new InvalidAnnotationException(
            refused.iterator().next(),
            "not supported by this operator; remove it, or the load balancer would be made"
                + " without what it asks for");
      }
    }
    var scheme =
        Scheme.valueOf(
            shared(group, SCHEME, Set.of("internal", "internet-facing"), "internal")
                .toUpperCase()
                .replace('-', '_'));
    var ipAddressType =
        IpAddressType.valueOf(
            shared(group, IP_ADDRESS_TYPE, Set.of("ipv4", "dualstack"), "ipv4").toUpperCase());
    var commonTags = commonTags(group, context);

    var targetGroups = new AlbTargetGroups(group.id(), context, services, commonTags);
    var listenPorts = listenPorts(group);
    var listeners = new ArrayList<ListenerSpec>();
    var rules = new ArrayList<RuleSpec>();
    for (var listenPort : listenPorts.entrySet()) {
      var port = listenPort.getKey();
      listeners.add(
          new ListenerSpec(
              port,
              listenPort.getValue(),
              List.of(),
              null,
              null,
              defaultActions(group, port, listenPorts, targetGroups),
              withResource(commonTags, Integer.toString(port))));
      rules.addAll(rules(group, port, targetGroups, commonTags));
    }
    if (rules.size() > MAX_RULES) {
      throw new InvalidAnnotationException(
          "spec.rules",
          "the group needs " + rules.size() + " listener rules; an ALB has at most " + MAX_RULES);
    }
    if (targetGroups.targetGroups().size() > MAX_TARGET_GROUPS) {
      throw new InvalidAnnotationException(
          "spec.rules",
          "the group needs "
              + targetGroups.targetGroups().size()
              + " target groups; an ALB has at most "
              + MAX_TARGET_GROUPS);
    }
    var loadBalancer =
        new LoadBalancerSpec(
            loadBalancerName(group, context, scheme),
            LoadBalancerSpec.Type.APPLICATION,
            scheme,
            ipAddressType,
            subnets(group, scheme, context),
            List.of(),
            attributes(group),
            withResource(commonTags, "LoadBalancer"));
    return new Stack(
        group.id(),
        List.of(managedSecurityGroup(group, context, ipAddressType, listenPorts, commonTags)),
        true,
        loadBalancer,
        listeners,
        rules,
        targetGroups.targetGroups(),
        targetGroups.bindings());
  }

  private static Annotations annotations(Ingress ingress) {
    return new Annotations(ingress.getMetadata().getAnnotations());
  }

  /** A load balancer setting the members must agree on, as the Go controller requires. */
  private static String shared(
      IngressGroup group, String annotation, Set<String> allowed, String fallback) {
    String found = null;
    for (var member : group.members()) {
      var value = annotations(member.ingress()).string(annotation);
      if (value.isEmpty()) {
        continue;
      }
      var checked = annotations(member.ingress()).oneOf(annotation, allowed, fallback);
      if (found != null && !found.equals(checked)) {
        throw new InvalidAnnotationException(
            annotation, "the group's Ingresses ask for both '" + found + "' and '" + checked + "'");
      }
      found = checked;
    }
    return found == null ? fallback : found;
  }

  /** The listen ports of every member, each with the one protocol they agree on. */
  private static Map<Integer, String> listenPorts(IngressGroup group) {
    var ports = new TreeMap<Integer, String>();
    for (var member : group.members()) {
      listenPortsOf(member.ingress())
          .forEach(
              (port, protocol) -> {
                var other = ports.putIfAbsent(port, protocol);
                if (other != null && !other.equals(protocol)) {
                  throw new InvalidAnnotationException(
                      LISTEN_PORTS,
                      "port " + port + " is asked for as both " + other + " and " + protocol);
                }
              });
    }
    return ports;
  }

  static Map<Integer, String> listenPortsOf(Ingress ingress) {
    var raw = annotations(ingress).string(LISTEN_PORTS);
    if (raw.isEmpty()) {
      return Map.of(80, "HTTP");
    }
    List<Map<String, Object>> entries;
    try {
      entries = JSON.readValue(raw.get(), new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new InvalidAnnotationException(
          LISTEN_PORTS, "'" + raw.get() + "' is not a JSON list like [{\"HTTP\": 80}]");
    }
    var ports = new TreeMap<Integer, String>();
    for (var entry : entries) {
      for (var protocolAndPort : entry.entrySet()) {
        var protocol = protocolAndPort.getKey();
        if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
          throw new InvalidAnnotationException(
              LISTEN_PORTS, "listen protocol must be HTTP or HTTPS, not " + protocol);
        }
        if (protocol.equals("HTTPS")) {
          throw new InvalidAnnotationException(
              LISTEN_PORTS,
              "HTTPS listeners need alb.ingress.kubernetes.io/certificate-arn, which this operator"
                  + " does not serve yet");
        }
        if (!(protocolAndPort.getValue() instanceof Integer port) || port < 1 || port > 65535) {
          throw new InvalidAnnotationException(
              LISTEN_PORTS, "'" + protocolAndPort.getValue() + "' is not a port number");
        }
        ports.put(port, protocol);
      }
    }
    if (ports.isEmpty()) {
      throw new InvalidAnnotationException(LISTEN_PORTS, "lists no port");
    }
    return ports;
  }

  /** Fixed response 404, or the one {@code spec.defaultBackend} of the members on the port. */
  private static List<Action> defaultActions(
      IngressGroup group,
      int port,
      Map<Integer, String> listenPorts,
      AlbTargetGroups targetGroups) {
    var withDefault =
        group.members().stream()
            .map(IngressGroup.Member::ingress)
            .filter(i -> i.getSpec() != null && i.getSpec().getDefaultBackend() != null)
            .filter(i -> listenPortsOf(i).containsKey(port))
            .toList();
    if (withDefault.isEmpty()) {
      return List.of(new Action.FixedResponse(404, "text/plain", null));
    }
    if (withDefault.size() > 1) {
      throw new InvalidAnnotationException(
          "spec.defaultBackend",
          "more than one Ingress of the group has one: "
              + withDefault.stream().map(AlbModelBuilder::key).toList());
    }
    var ingress = withDefault.get(0);
    var backend = ingress.getSpec().getDefaultBackend().getService();
    if (backend == null) {
      throw new InvalidAnnotationException(
          "spec.defaultBackend", "only Service backends are served");
    }
    return targetGroups.actionsTo(ingress, backend);
  }

  private static List<RuleSpec> rules(
      IngressGroup group, int port, AlbTargetGroups targetGroups, Map<String, String> commonTags) {
    var rules = new ArrayList<RuleSpec>();
    for (var member : group.members()) {
      var ingress = member.ingress();
      if (ingress.getSpec() == null
          || ingress.getSpec().getRules() == null
          || !listenPortsOf(ingress).containsKey(port)) {
        continue;
      }
      for (var rule : ingress.getSpec().getRules()) {
        if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
          continue;
        }
        for (var path : IngressPaths.inRuleOrder(rule.getHttp().getPaths())) {
          var conditions = new ArrayList<Condition>();
          if (rule.getHost() != null && !rule.getHost().isEmpty()) {
            conditions.add(Condition.hosts(List.of(rule.getHost())));
          }
          var patterns = IngressPaths.patterns(path);
          if (!patterns.isEmpty()) {
            conditions.add(Condition.paths(patterns));
          }
          if (conditions.isEmpty()) {
            conditions.add(Condition.paths(List.of("/*")));
          }
          var values = conditions.stream().mapToInt(c -> c.values().size()).sum();
          if (values > MAX_CONDITION_VALUES) {
            throw new InvalidAnnotationException(
                "spec.rules",
                "a rule of "
                    + key(ingress)
                    + " needs "
                    + values
                    + " condition values; an ALB rule has at most "
                    + MAX_CONDITION_VALUES);
          }
          var backend = path.getBackend() == null ? null : path.getBackend().getService();
          if (backend == null) {
            throw new InvalidAnnotationException(
                "spec.rules[].http.paths[].backend", "only Service backends are served");
          }
          var priority = rules.size() + 1;
          rules.add(
              new RuleSpec(
                  port,
                  priority,
                  conditions,
                  targetGroups.actionsTo(ingress, backend),
                  withResource(commonTags, port + ":" + priority)));
        }
      }
    }
    return rules;
  }

  /**
   * The default tags and every member's {@value AlbAnnotations#TAGS} (the members must agree on a
   * key's value), with the ownership tags over them.
   */
  private static Map<String, String> commonTags(IngressGroup group, AlbContext context) {
    var annotated = new LinkedHashMap<String, String>();
    for (var member : group.members()) {
      var tags = annotations(member.ingress()).keyValues(TAGS);
      TagRules.check(TAGS, tags, RESERVED_TAG_PREFIXES, context.externalManagedTags());
      tags.forEach(
          (key, value) -> {
            var other = annotated.putIfAbsent(key, value);
            if (other != null && !other.equals(value)) {
              throw new InvalidAnnotationException(
                  TAGS,
                  "the group's Ingresses give tag '"
                      + key
                      + "' both '"
                      + other
                      + "' and '"
                      + value
                      + "'");
            }
          });
    }
    return OwnershipTags.INGRESS.stackTags(
        context.clusterName(),
        group.id(),
        annotated,
        context.defaultTags(),
        context.defaultTagsLowPriority());
  }

  private static Map<String, String> withResource(Map<String, String> common, String resourceId) {
    return OwnershipTags.INGRESS.withResource(common, resourceId);
  }

  private static String loadBalancerName(IngressGroup group, AlbContext context, Scheme scheme) {
    var asked = new java.util.TreeSet<String>();
    group
        .members()
        .forEach(m -> annotations(m.ingress()).string(LOAD_BALANCER_NAME).ifPresent(asked::add));
    if (asked.size() > 1) {
      throw new InvalidAnnotationException(
          LOAD_BALANCER_NAME, "the group's Ingresses ask for several names: " + asked);
    }
    if (asked.size() == 1) {
      var name = asked.first();
      if (name.length() > 32) {
        throw new InvalidAnnotationException(
            LOAD_BALANCER_NAME,
            "'" + name + "' has " + name.length() + " characters; AWS allows 32");
      }
      return name;
    }
    return name(group, context, scheme.aws());
  }

  /** The Go controller's name for the group's objects, with the cluster and group hashed first. */
  private static String name(IngressGroup group, AlbContext context, String... more) {
    var inputs = new ArrayList<String>(List.of(context.clusterName(), group.id()));
    inputs.addAll(List.of(more));
    if (!group.implicit()) {
      return ResourceNames.ofGroup(group.id(), inputs.toArray(String[]::new));
    }
    var slash = group.id().indexOf('/');
    return ResourceNames.of(
        group.id().substring(0, slash),
        group.id().substring(slash + 1),
        inputs.toArray(String[]::new));
  }

  private static List<SubnetMapping> subnets(
      IngressGroup group, Scheme scheme, AlbContext context) {
    var named = new java.util.TreeSet<String>();
    List<String> asked = null;
    for (var member : group.members()) {
      var listed = annotations(member.ingress()).list(SUBNETS);
      if (listed.isEmpty()) {
        continue;
      }
      if (asked != null && !new java.util.TreeSet<>(listed).equals(named)) {
        throw new InvalidAnnotationException(
            SUBNETS, "the group's Ingresses ask for different subnets");
      }
      asked = listed;
      named.addAll(listed);
    }
    List<String> subnets;
    if (asked == null) {
      subnets = context.subnets().discover(scheme);
    } else {
      try {
        subnets = context.subnets().resolve(asked);
      } catch (IllegalArgumentException e) {
        throw new InvalidAnnotationException(SUBNETS, e.getMessage());
      }
    }
    if (subnets.size() < 2) {
      throw new InvalidAnnotationException(
          SUBNETS,
          "an Application Load Balancer needs subnets in at least two zones; found "
              + subnets.size()
              + (asked == null
                  ? " tagged "
                      + (scheme == Scheme.INTERNAL
                          ? "kubernetes.io/role/internal-elb"
                          : "kubernetes.io/role/elb")
                  : ""));
    }
    return subnets.stream().map(SubnetMapping::of).toList();
  }

  private static Map<String, String> attributes(IngressGroup group) {
    var attributes = new LinkedHashMap<String, String>();
    for (var member : group.members()) {
      annotations(member.ingress())
          .keyValues(LOAD_BALANCER_ATTRIBUTES)
          .forEach(
              (key, value) -> {
                var other = attributes.putIfAbsent(key, value);
                if (other != null && !other.equals(value)) {
                  throw new InvalidAnnotationException(
                      LOAD_BALANCER_ATTRIBUTES,
                      "the group's Ingresses set '"
                          + key
                          + "' to both '"
                          + other
                          + "' and '"
                          + value
                          + "'");
                }
              });
    }
    return attributes;
  }

  /**
   * The group in front of the ALB, open on each listen port to the {@value
   * AlbAnnotations#INBOUND_CIDRS} of the members listening there, as the Go controller opens it:
   * the members of a port that set them must agree; a port none sets is open to everyone. IPv6
   * ranges apply only to a dualstack ALB.
   */
  private static SecurityGroupSpec managedSecurityGroup(
      IngressGroup group,
      AlbContext context,
      IpAddressType ipAddressType,
      Map<Integer, String> listenPorts,
      Map<String, String> commonTags) {
    var rules = new ArrayList<SecurityGroupSpec.Rule>();
    for (var port : listenPorts.keySet()) {
      Set<String> merged = null;
      String provider = null;
      for (var member : group.members()) {
        var ingress = member.ingress();
        if (!listenPortsOf(ingress).containsKey(port)) {
          continue;
        }
        var cidrs = inboundCidrs(ingress);
        if (cidrs.isEmpty()) {
          continue;
        }
        if (merged == null) {
          merged = cidrs;
          provider = key(ingress);
        } else if (!merged.equals(cidrs)) {
          throw new InvalidAnnotationException(
              INBOUND_CIDRS,
              "conflicting ranges for port "
                  + port
                  + ": "
                  + provider
                  + " asks for "
                  + merged
                  + ", "
                  + key(ingress)
                  + " for "
                  + cidrs);
        }
      }
      var open = merged == null ? new TreeSet<>(Set.of("0.0.0.0/0", "::/0")) : merged;
      for (var cidr : open) {
        if (!Cidrs.isIpv6(cidr) || ipAddressType == IpAddressType.DUALSTACK) {
          rules.add(new SecurityGroupSpec.Rule("tcp", port, port, cidr));
        }
      }
    }
    return new SecurityGroupSpec(
        MANAGED_SECURITY_GROUP,
        name(group, context),
        "[k8s] Managed SecurityGroup for LoadBalancer",
        context.vpcId(),
        rules,
        withResource(commonTags, MANAGED_SECURITY_GROUP));
  }

  private static Set<String> inboundCidrs(Ingress ingress) {
    var cidrs = new TreeSet<String>();
    for (var cidr : annotations(ingress).list(INBOUND_CIDRS)) {
      if (!Cidrs.valid(cidr)) {
        throw new InvalidAnnotationException(INBOUND_CIDRS, "'" + cidr + "' is not a CIDR block");
      }
      cidrs.add(cidr);
    }
    return cidrs;
  }

  private static String key(Ingress ingress) {
    return ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName();
  }
}
