package io.elbv2.operator.deploy;

import io.elbv2.operator.model.HealthCheckSpec;
import io.elbv2.operator.model.ListenerSpec;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.Stack;
import io.elbv2.operator.model.TargetGroupSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/**
 * Brings AWS to a {@link Stack}: target groups, then the load balancer, then its listeners, then
 * removes target groups the stack no longer has; deletion goes the other way. Only what differs is
 * changed.
 */
@ApplicationScoped
public class StackDeployer {

  private static final Logger LOG = Logger.getLogger(StackDeployer.class);

  /** What the stack got in AWS. */
  public record Deployed(
      String loadBalancerArn, String dnsName, Map<String, String> targetGroupArns) {}

  private final ElasticLoadBalancingV2Client elbv2;

  StackDeployer(ElasticLoadBalancingV2Client elbv2) {
    this.elbv2 = elbv2;
  }

  public Deployed deploy(Stack stack, String cluster, OwnershipTags tags, String vpcId) {
    var owned = OwnedResources.find(elbv2, cluster, tags, stack.id());
    var targetGroupArns = new HashMap<String, String>();
    for (var spec : stack.targetGroups()) {
      targetGroupArns.put(
          spec.resourceId(), deployTargetGroup(spec, owned, tags.resourceKey(), vpcId));
    }
    var loadBalancer = deployLoadBalancer(stack.loadBalancer(), owned.loadBalancers());
    deployListeners(loadBalancer.loadBalancerArn(), stack.listeners(), targetGroupArns);
    for (var unused : owned.targetGroups()) {
      if (!targetGroupArns.containsValue(unused.targetGroupArn())) {
        LOG.infof("stack %s: deleting target group %s", stack.id(), unused.targetGroupName());
        elbv2.deleteTargetGroup(r -> r.targetGroupArn(unused.targetGroupArn()));
      }
    }
    return new Deployed(loadBalancer.loadBalancerArn(), loadBalancer.dnsName(), targetGroupArns);
  }

  /** Deletes the stack's load balancer (its listeners go with it), then its target groups. */
  public void delete(String stackId, String cluster, OwnershipTags tags) {
    var owned = OwnedResources.find(elbv2, cluster, tags, stackId);
    for (var lb : owned.loadBalancers()) {
      LOG.infof("stack %s: deleting load balancer %s", stackId, lb.loadBalancerName());
      elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
    }
    // AWS releases a deleted load balancer's listeners shortly after; until then this fails with
    // ResourceInUse and the
    // caller tries again.
    for (var tg : owned.targetGroups()) {
      elbv2.deleteTargetGroup(r -> r.targetGroupArn(tg.targetGroupArn()));
    }
  }

  private String deployTargetGroup(
      TargetGroupSpec spec, OwnedResources owned, String resourceKey, String vpcId) {
    // Matched by the resource tag, so that target groups made by the Go controller are adopted;
    // port, protocol and
    // target type cannot change in place, so a change there makes a new group.
    var existing =
        owned.targetGroups().stream()
            .filter(tg -> spec.resourceId().equals(owned.tag(tg.targetGroupArn(), resourceKey)))
            .filter(tg -> tg.port() == spec.port() && spec.protocol().equals(tg.protocolAsString()))
            .filter(tg -> spec.targetType().equals(tg.targetTypeAsString()))
            .findFirst();
    String arn;
    if (existing.isEmpty()) {
      var hc = spec.healthCheck();
      arn =
          elbv2
              .createTargetGroup(
                  r ->
                      r.name(spec.name())
                          .protocol(spec.protocol())
                          .port(spec.port())
                          .vpcId(vpcId)
                          .targetType(spec.targetType())
                          .ipAddressType(spec.ipAddressType())
                          .healthCheckProtocol(hc.protocol())
                          .healthCheckPort(hc.port())
                          .healthCheckPath(hc.path())
                          .healthCheckIntervalSeconds(hc.intervalSeconds())
                          .healthCheckTimeoutSeconds(hc.timeoutSeconds())
                          .healthyThresholdCount(hc.healthyThreshold())
                          .unhealthyThresholdCount(hc.unhealthyThreshold())
                          .matcher(matcher(hc))
                          .tags(tags(spec.tags())))
              .targetGroups()
              .get(0)
              .targetGroupArn();
      LOG.infof("created target group %s", spec.name());
    } else {
      arn = existing.get().targetGroupArn();
      if (!healthCheckOf(existing.get()).equals(spec.healthCheck())) {
        var hc = spec.healthCheck();
        elbv2.modifyTargetGroup(
            r ->
                r.targetGroupArn(existing.get().targetGroupArn())
                    .healthCheckProtocol(hc.protocol())
                    .healthCheckPort(hc.port())
                    .healthCheckPath(hc.path())
                    .healthCheckIntervalSeconds(hc.intervalSeconds())
                    .healthCheckTimeoutSeconds(hc.timeoutSeconds())
                    .healthyThresholdCount(hc.healthyThreshold())
                    .unhealthyThresholdCount(hc.unhealthyThreshold())
                    .matcher(matcher(hc)));
      }
    }
    if (!spec.attributes().isEmpty()) {
      var current = new HashMap<String, String>();
      elbv2
          .describeTargetGroupAttributes(r -> r.targetGroupArn(arn))
          .attributes()
          .forEach(a -> current.put(a.key(), a.value()));
      var changed =
          changed(spec.attributes(), current).entrySet().stream()
              .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build())
              .toList();
      if (!changed.isEmpty()) {
        elbv2.modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(changed));
      }
    }
    return arn;
  }

  /**
   * The wanted attributes whose value AWS does not hold yet; attributes not asked for are left as
   * they are.
   */
  static Map<String, String> changed(Map<String, String> wanted, Map<String, String> current) {
    var changed = new java.util.TreeMap<String, String>();
    wanted.forEach(
        (key, value) -> {
          if (!value.equals(current.get(key))) {
            changed.put(key, value);
          }
        });
    return changed;
  }

  private static Matcher matcher(HealthCheckSpec hc) {
    return hc.successCodes() == null ? null : Matcher.builder().httpCode(hc.successCodes()).build();
  }

  private static HealthCheckSpec healthCheckOf(TargetGroup tg) {
    boolean http = !"TCP".equals(tg.healthCheckProtocolAsString());
    return new HealthCheckSpec(
        tg.healthCheckProtocolAsString(),
        tg.healthCheckPort(),
        http ? tg.healthCheckPath() : null,
        tg.healthCheckIntervalSeconds(),
        tg.healthCheckTimeoutSeconds(),
        tg.healthyThresholdCount(),
        tg.unhealthyThresholdCount(),
        http && tg.matcher() != null ? tg.matcher().httpCode() : null);
  }

  private LoadBalancer deployLoadBalancer(LoadBalancerSpec spec, List<LoadBalancer> owned) {
    // Any load balancer tagged for the stack is kept, whatever its name (one made by the Go
    // controller is adopted);
    // only a scheme or type change, which AWS cannot make in place, replaces it.
    var existing =
        owned.stream()
            .filter(
                lb ->
                    spec.scheme().aws().equals(lb.schemeAsString())
                        && "network".equals(lb.typeAsString()))
            .findFirst();
    for (var lb : owned) {
      if (existing.isEmpty() || !lb.loadBalancerArn().equals(existing.get().loadBalancerArn())) {
        LOG.infof("replacing load balancer %s", lb.loadBalancerName());
        elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn()));
      }
    }
    LoadBalancer lb;
    if (existing.isEmpty()) {
      lb =
          elbv2
              .createLoadBalancer(
                  r ->
                      r.name(spec.name())
                          .type("network")
                          .scheme(spec.scheme().aws())
                          .ipAddressType(spec.ipAddressType().aws())
                          .subnetMappings(subnetMappings(spec))
                          .securityGroups(
                              spec.securityGroups().isEmpty() ? null : spec.securityGroups())
                          .tags(tags(spec.tags())))
              .loadBalancers()
              .get(0);
      LOG.infof("created load balancer %s (%s)", spec.name(), lb.dnsName());
    } else {
      lb = existing.get();
      var subnets = lb.availabilityZones().stream().map(az -> az.subnetId()).sorted().toList();
      var wanted =
          spec.subnets().stream().map(LoadBalancerSpec.SubnetMapping::subnetId).sorted().toList();
      if (!subnets.equals(wanted)) {
        elbv2.setSubnets(
            r ->
                r.loadBalancerArn(existing.get().loadBalancerArn())
                    .subnetMappings(subnetMappings(spec)));
      }
      if (!spec.ipAddressType().aws().equals(lb.ipAddressTypeAsString())) {
        elbv2.setIpAddressType(
            r ->
                r.loadBalancerArn(existing.get().loadBalancerArn())
                    .ipAddressType(spec.ipAddressType().aws()));
      }
    }
    var arn = lb.loadBalancerArn();
    if (!spec.attributes().isEmpty()) {
      var current = new HashMap<String, String>();
      elbv2
          .describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn))
          .attributes()
          .forEach(a -> current.put(a.key(), a.value()));
      var changed =
          changed(spec.attributes(), current).entrySet().stream()
              .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build())
              .toList();
      if (!changed.isEmpty()) {
        elbv2.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn).attributes(changed));
      }
    }
    return lb;
  }

  private void deployListeners(
      String loadBalancerArn, List<ListenerSpec> wanted, Map<String, String> targetGroups) {
    var existing = new HashMap<Integer, Listener>();
    elbv2
        .describeListeners(r -> r.loadBalancerArn(loadBalancerArn))
        .listeners()
        .forEach(l -> existing.put(l.port(), l));
    for (var spec : wanted) {
      var targetGroupArn = targetGroups.get(spec.targetGroup());
      var action =
          Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build();
      var certificates =
          spec.certificateArns().stream()
              .map(c -> Certificate.builder().certificateArn(c).build())
              .toList();
      var current = existing.remove(spec.port());
      if (current == null) {
        elbv2.createListener(
            r ->
                r.loadBalancerArn(loadBalancerArn)
                    .port(spec.port())
                    .protocol(spec.protocol())
                    .certificates(certificates.isEmpty() ? null : certificates)
                    .sslPolicy(spec.sslPolicy())
                    .alpnPolicy(spec.alpnPolicy() == null ? null : List.of(spec.alpnPolicy()))
                    .defaultActions(action));
      } else if (!sameListener(current, spec, targetGroupArn)) {
        elbv2.modifyListener(
            r ->
                r.listenerArn(current.listenerArn())
                    .port(spec.port())
                    .protocol(spec.protocol())
                    .certificates(certificates.isEmpty() ? null : certificates)
                    .sslPolicy(spec.sslPolicy())
                    .alpnPolicy(spec.alpnPolicy() == null ? null : List.of(spec.alpnPolicy()))
                    .defaultActions(action));
      }
    }
    for (var extra : existing.values()) {
      elbv2.deleteListener(r -> r.listenerArn(extra.listenerArn()));
    }
  }

  /**
   * Compares what matters; the SSL policy only for TLS listeners (AWS reports one on every
   * listener).
   */
  private static boolean sameListener(Listener current, ListenerSpec spec, String targetGroupArn) {
    var forwardsTo =
        current.defaultActions().isEmpty()
            ? null
            : current.defaultActions().get(0).targetGroupArn() != null
                ? current.defaultActions().get(0).targetGroupArn()
                : current.defaultActions().get(0).forwardConfig() == null
                    ? null
                    : current
                        .defaultActions()
                        .get(0)
                        .forwardConfig()
                        .targetGroups()
                        .get(0)
                        .targetGroupArn();
    var certificates =
        current.certificates().stream().map(Certificate::certificateArn).sorted().toList();
    boolean tls = "TLS".equals(spec.protocol());
    return spec.protocol().equals(current.protocolAsString())
        && Objects.equals(targetGroupArn, forwardsTo)
        && (!tls || certificates.equals(spec.certificateArns().stream().sorted().toList()))
        && (!tls || Objects.equals(spec.sslPolicy(), current.sslPolicy()));
  }

  private static List<SubnetMapping> subnetMappings(LoadBalancerSpec spec) {
    return spec.subnets().stream()
        .map(
            s ->
                SubnetMapping.builder()
                    .subnetId(s.subnetId())
                    .allocationId(s.allocationId())
                    .privateIPv4Address(s.privateIpv4Address())
                    .build())
        .toList();
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
