package io.elbv2.operator.deploy;

import io.elbv2.operator.model.LoadBalancerSpec;
import io.elbv2.operator.model.LoadBalancerSpec.IpAddressType;
import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import io.elbv2.operator.model.LoadBalancerSpec.SubnetMapping;
import io.elbv2.operator.model.LoadBalancerSpec.Type;
import io.javaoperatorsdk.operator.processing.ResourceIDProvider;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * A load balancer as AWS has it (with its ARN and DNS name), or as the stack wants it (without).
 * Attributes are not listed by AWS with the load balancer, so a found one has none; they are
 * compared on their own.
 *
 * <p>A class, not a record: the operator SDK's build step cannot look up {@code java.lang.Record}.
 */
public final class AwsLoadBalancer implements ResourceIDProvider<String> {
  private final String arn;
  private final String dnsName;
  private final LoadBalancerSpec spec;
  private final boolean listenerMissing;

  public AwsLoadBalancer(String arn, String dnsName, LoadBalancerSpec spec) {
    this(arn, dnsName, spec, false);
  }

  private AwsLoadBalancer(
      String arn, String dnsName, LoadBalancerSpec spec, boolean listenerMissing) {
    this.arn = arn;
    this.dnsName = dnsName;
    this.spec = spec;
    this.listenerMissing = listenerMissing;
  }

  /**
   * The same load balancer, with a listener it had at its stack's last reconciliation gone. Not a
   * difference from the stack's load balancer (listeners are compared on their own), but a change
   * the poll reports, so that the stack is reconciled and the listener put back.
   */
  AwsLoadBalancer withListenerMissing() {
    return new AwsLoadBalancer(arn, dnsName, spec, true);
  }

  public String arn() {
    return arn;
  }

  public String dnsName() {
    return dnsName;
  }

  public LoadBalancerSpec spec() {
    return spec;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AwsLoadBalancer other
        && Objects.equals(arn, other.arn)
        && Objects.equals(dnsName, other.dnsName)
        && Objects.equals(spec, other.spec)
        && listenerMissing == other.listenerMissing;
  }

  @Override
  public int hashCode() {
    return Objects.hash(arn, dnsName, spec, listenerMissing);
  }

  @Override
  public String toString() {
    return "AwsLoadBalancer["
        + "arn="
        + arn
        + ", "
        + "dnsName="
        + dnsName
        + ", "
        + "spec="
        + spec
        + ", listenerMissing="
        + listenerMissing
        + "]";
  }

  static AwsLoadBalancer wanted(LoadBalancerSpec spec) {
    return new AwsLoadBalancer(null, null, spec);
  }

  static AwsLoadBalancer found(LoadBalancer lb, Map<String, String> tags) {
    var subnets =
        lb.availabilityZones().stream()
            .map(
                az -> {
                  var address = az.loadBalancerAddresses().stream().findFirst();
                  return new SubnetMapping(
                      az.subnetId(),
                      address.map(a -> a.allocationId()).orElse(null),
                      address.map(a -> a.privateIPv4Address()).orElse(null));
                })
            .toList();
    return new AwsLoadBalancer(
        lb.loadBalancerArn(),
        lb.dnsName(),
        new LoadBalancerSpec(
            lb.loadBalancerName(),
            parse(Type.class, lb.typeAsString()),
            Arrays.stream(Scheme.values())
                .filter(s -> s.aws().equals(lb.schemeAsString()))
                .findFirst()
                .orElse(null),
            Arrays.stream(IpAddressType.values())
                .filter(t -> t.aws().equals(lb.ipAddressTypeAsString()))
                .findFirst()
                .orElse(null),
            subnets,
            lb.securityGroups(),
            Map.of(),
            tags));
  }

  /** Scheme and type cannot change in place: a load balancer that differs there is replaced. */
  boolean canBecome(AwsLoadBalancer wanted) {
    return spec.scheme() == wanted.spec.scheme() && spec.type() == wanted.spec.type();
  }

  @Override
  public String resourceId() {
    return arn;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String aws) {
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.name().equalsIgnoreCase(aws))
        .findFirst()
        .orElse(null);
  }
}
