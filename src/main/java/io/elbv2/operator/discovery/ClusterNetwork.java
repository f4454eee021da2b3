package io.elbv2.operator.discovery;

import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.model.InvalidAnnotationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The cluster's network as every kind of load balancer sees it: its VPC, the VPC's CIDR blocks
 * (read once), subnet discovery (kept for a resync period) and security group look-ups.
 */
@ApplicationScoped
public class ClusterNetwork {

  private final OperatorSettings settings;
  private final Ec2Client ec2;
  private final AtomicReference<List<String>> vpcCidrs = new AtomicReference<>();
  private final AtomicReference<SubnetLookup> subnets = new AtomicReference<>();

  ClusterNetwork(OperatorSettings settings, Ec2Client ec2) {
    this.settings = settings;
    this.ec2 = ec2;
  }

  public String vpcId() {
    return settings
        .vpcId()
        .orElseThrow(
            () ->
                new InvalidAnnotationException(
                    "elbv2.aws.vpc-id",
                    "the operator needs the cluster's VPC to make load balancers; set it"));
  }

  /** Subnet discovery in the cluster's VPC, shared by every kind of load balancer. */
  public SubnetLookup subnets() {
    var vpcId = vpcId();
    return subnets.updateAndGet(
        known ->
            known != null
                ? known
                : new CachedSubnetLookup(
                    new Ec2SubnetLookup(ec2, vpcId, settings.clusterName()),
                    settings.loadBalancerResyncPeriod(),
                    Clock.systemUTC()));
  }

  public SecurityGroupLookup securityGroups() {
    return new Ec2SecurityGroupLookup(ec2, vpcId());
  }

  /** The VPC's IPv4 CIDR blocks, read from EC2 the first time. */
  public synchronized List<String> vpcCidrs() {
    var cached = vpcCidrs.get();
    if (cached == null) {
      var vpc = ec2.describeVpcs(r -> r.vpcIds(vpcId())).vpcs().get(0);
      cached =
          vpc.cidrBlockAssociationSet().isEmpty()
              ? List.of(vpc.cidrBlock())
              : vpc.cidrBlockAssociationSet().stream().map(a -> a.cidrBlock()).toList();
      vpcCidrs.set(cached);
    }
    return cached;
  }
}
