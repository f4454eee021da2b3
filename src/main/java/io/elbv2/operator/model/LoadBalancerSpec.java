package io.elbv2.operator.model;

import java.util.List;
import java.util.Map;

/**
 * A load balancer as it should be.
 *
 * @param securityGroups ids of groups made elsewhere; the stack's own groups are added on deploy
 */
public record LoadBalancerSpec(
    String name,
    Type type,
    Scheme scheme,
    IpAddressType ipAddressType,
    List<SubnetMapping> subnets,
    List<String> securityGroups,
    Map<String, String> attributes,
    Map<String, String> tags) {

  public LoadBalancerSpec {
    subnets = List.copyOf(subnets);
    securityGroups = List.copyOf(securityGroups);
    attributes = Map.copyOf(attributes);
    tags = Map.copyOf(tags);
  }

  public enum Type {
    NETWORK,
    APPLICATION
  }

  public enum Scheme {
    INTERNAL("internal"),
    INTERNET_FACING("internet-facing");

    private final String aws;

    Scheme(String aws) {
      this.aws = aws;
    }

    public String aws() {
      return aws;
    }
  }

  public enum IpAddressType {
    IPV4("ipv4"),
    DUALSTACK("dualstack");

    private final String aws;

    IpAddressType(String aws) {
      this.aws = aws;
    }

    public String aws() {
      return aws;
    }
  }

  /**
   * A subnet, optionally with an Elastic IP (internet-facing) or a fixed private address
   * (internal).
   */
  public record SubnetMapping(String subnetId, String allocationId, String privateIpv4Address) {

    public static SubnetMapping of(String subnetId) {
      return new SubnetMapping(subnetId, null, null);
    }
  }
}
