package io.elbv2.operator.discovery;

import io.elbv2.operator.model.LoadBalancerSpec.Scheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;

/**
 * Finds subnets in EC2 as the Go controller does: tagged {@code kubernetes.io/role/elb}
 * (internet-facing) or {@code kubernetes.io/role/internal-elb} (internal), in the cluster's VPC,
 * not tagged for another cluster, one per availability zone.
 */
public class Ec2SubnetLookup implements SubnetLookup {

  private static final String CLUSTER_TAG_PREFIX = "kubernetes.io/cluster/";

  private final Ec2Client ec2;
  private final String vpcId;
  private final String clusterTag;

  public Ec2SubnetLookup(Ec2Client ec2, String vpcId, String clusterName) {
    this.ec2 = ec2;
    this.vpcId = vpcId;
    this.clusterTag = CLUSTER_TAG_PREFIX + clusterName;
  }

  @Override
  public List<String> discover(Scheme scheme) {
    var role =
        scheme == Scheme.INTERNAL ? "kubernetes.io/role/internal-elb" : "kubernetes.io/role/elb";
    var subnets =
        ec2.describeSubnets(
                r ->
                    r.filters(
                        Filter.builder().name("vpc-id").values(vpcId).build(),
                        Filter.builder().name("tag-key").values(role).build()))
            .subnets();
    var byZone = new LinkedHashMap<String, Subnet>();
    subnets.stream()
        .filter(this::notForAnotherCluster)
        .sorted(Comparator.comparing(this::ownedFirst).thenComparing(Subnet::subnetId))
        .forEach(subnet -> byZone.putIfAbsent(subnet.availabilityZone(), subnet));
    return byZone.values().stream().map(Subnet::subnetId).sorted().toList();
  }

  @Override
  public List<NamedSubnet> resolve(List<String> idsOrNames) {
    var result = new ArrayList<NamedSubnet>();
    for (var idOrName : idsOrNames) {
      var filter =
          idOrName.startsWith("subnet-")
              ? Filter.builder().name("subnet-id").values(idOrName).build()
              : Filter.builder().name("tag:Name").values(idOrName).build();
      var found =
          ec2.describeSubnets(
                  r -> r.filters(filter, Filter.builder().name("vpc-id").values(vpcId).build()))
              .subnets();
      if (found.size() != 1) {
        throw new IllegalArgumentException(
            "subnet '"
                + idOrName
                + "' matches "
                + found.size()
                + " subnets in VPC "
                + vpcId
                + "; it must match one");
      }
      result.add(new NamedSubnet(found.get(0).subnetId(), found.get(0).availabilityZone()));
    }
    return result;
  }

  private boolean notForAnotherCluster(Subnet subnet) {
    return subnet.tags().stream()
        .noneMatch(t -> t.key().startsWith(CLUSTER_TAG_PREFIX) && !t.key().equals(clusterTag));
  }

  private int ownedFirst(Subnet subnet) {
    return subnet.tags().stream().anyMatch(t -> t.key().equals(clusterTag)) ? 0 : 1;
  }
}
