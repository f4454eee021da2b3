package io.elbv2.operator.service;

import io.elbv2.operator.config.FeatureGate;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.discovery.CachedSubnetLookup;
import io.elbv2.operator.discovery.Ec2SecurityGroupLookup;
import io.elbv2.operator.discovery.Ec2SubnetLookup;
import io.elbv2.operator.discovery.SubnetLookup;
import io.elbv2.operator.model.InvalidAnnotationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The {@link NlbContext} of this cluster: its VPC's CIDR blocks (looked up once) and EC2 subnet
 * discovery (kept for a resync period).
 */
@ApplicationScoped
public class NlbContexts {

  private final OperatorSettings settings;
  private final Ec2Client ec2;
  private final AtomicReference<List<String>> vpcCidrs = new AtomicReference<>();
  private final AtomicReference<SubnetLookup> subnets = new AtomicReference<>();

  NlbContexts(OperatorSettings settings, Ec2Client ec2) {
    this.settings = settings;
    this.ec2 = ec2;
  }

  public NlbContext context() {
    var vpcId = vpcId();
    return new NlbContext(
        settings.clusterName(),
        vpcId,
        vpcCidrs(vpcId),
        settings.defaultTags(),
        settings.externalManagedTags(),
        subnets(vpcId),
        new Ec2SecurityGroupLookup(ec2, vpcId),
        settings.enabled(FeatureGate.NLBSecurityGroup),
        settings.enabled(FeatureGate.EnableTCPUDPListener),
        settings.enabled(FeatureGate.EnableDefaultTagsLowPriority));
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
    return subnets(vpcId());
  }

  private SubnetLookup subnets(String vpcId) {
    return subnets.updateAndGet(
        known ->
            known != null
                ? known
                : new CachedSubnetLookup(
                    new Ec2SubnetLookup(ec2, vpcId, settings.clusterName()),
                    settings.loadBalancerResyncPeriod(),
                    Clock.systemUTC()));
  }

  private synchronized List<String> vpcCidrs(String vpcId) {
    var cached = vpcCidrs.get();
    if (cached == null) {
      var vpc = ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0);
      cached =
          vpc.cidrBlockAssociationSet().isEmpty()
              ? List.of(vpc.cidrBlock())
              : vpc.cidrBlockAssociationSet().stream().map(a -> a.cidrBlock()).toList();
      vpcCidrs.set(cached);
    }
    return cached;
  }
}
