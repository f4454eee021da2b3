package io.elbv2.operator.deploy;

import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.ResourceNames;
import io.elbv2.operator.targetgroupbinding.SecurityGroupRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The cluster's shared backend security group, as the Go controller keeps it: every load balancer
 * with security groups carries it, and the targets' groups admit it with one rule, however many
 * load balancers there are. Found by its tags ({@code elbv2.k8s.aws/resource: backend-sg}), so the
 * Go controller's is adopted; made on first use and deleted when the last load balancer goes.
 */
@ApplicationScoped
public class BackendSecurityGroup {

  static final String RESOURCE = "backend-sg";
  private static final String RESOURCE_KEY = "elbv2.k8s.aws/resource";
  private static final Logger LOG = Logger.getLogger(BackendSecurityGroup.class);

  private final Ec2Client ec2;
  private final ElasticLoadBalancingV2Client elbv2;
  private final OperatorSettings settings;
  private final SecurityGroupRules rules;
  private final AtomicReference<String> known = new AtomicReference<>();

  BackendSecurityGroup(
      Ec2Client ec2,
      ElasticLoadBalancingV2Client elbv2,
      OperatorSettings settings,
      SecurityGroupRules rules) {
    this.ec2 = ec2;
    this.elbv2 = elbv2;
    this.settings = settings;
    this.rules = rules;
  }

  /** The group's id, made now if the cluster has none. */
  public synchronized String id(String vpcId) {
    var cached = known.get();
    if (cached != null) {
      return cached;
    }
    var id = find(vpcId).orElseGet(() -> create(vpcId));
    known.set(id);
    return id;
  }

  /** Finds the group, if the cluster has one, so that {@link #id} need not ask EC2. */
  public synchronized void lookUp(String vpcId) {
    if (known.get() == null) {
      find(vpcId).ifPresent(known::set);
    }
  }

  /**
   * Deletes the group once no load balancer is left to use it: none of the caller's kind about to
   * be made or kept, and none in AWS carrying it, whatever made it (a Service's NLB, an Ingress's
   * ALB, another controller's).
   *
   * @param stillWanted whether an object of the caller's kind still wants a load balancer, which
   *     may not exist yet
   * @return what EC2 answered while it still holds the group (the network interfaces of a load
   *     balancer just deleted, or anything else using it), to try again later; empty once the group
   *     is deleted, or stays for the load balancers that use it
   */
  public synchronized Optional<String> releaseUnlessUsed(String vpcId, boolean stillWanted) {
    if (stillWanted) {
      return Optional.empty();
    }
    var id = Optional.ofNullable(known.get()).or(() -> find(vpcId));
    if (id.isEmpty()) {
      return Optional.empty();
    }
    var user = loadBalancerUsing(id.get());
    if (user.isPresent()) {
      LOG.debugf("the backend security group %s stays: %s uses it", id.get(), user.get());
      return Optional.empty();
    }
    try {
      // The nodes' rules from it go first, whoever made them and whatever this process knows.
      rules.deleteSourceGroup(
          id.get(), vpcId, () -> SecurityGroupCalls.deleteIfPresent(ec2, id.get()));
      LOG.infof("deleted the backend security group %s: no load balancer uses it", id.get());
    } catch (Ec2Exception e) {
      if (SecurityGroupsDependent.isDependencyViolation(e)) {
        return Optional.of("security group " + id.get() + ": " + DeployErrors.describe(e));
      }
      throw e;
    }
    known.set(null);
    return Optional.empty();
  }

  private Optional<String> find(String vpcId) {
    return ec2
        .describeSecurityGroups(
            r ->
                r.filters(
                    Filter.builder().name("vpc-id").values(vpcId).build(),
                    Filter.builder()
                        .name("tag:" + OwnershipTags.CLUSTER)
                        .values(settings.clusterName())
                        .build(),
                    Filter.builder().name("tag:" + RESOURCE_KEY).values(RESOURCE).build()))
        .securityGroups()
        .stream()
        .map(group -> group.groupId())
        .sorted()
        .findFirst();
  }

  private String create(String vpcId) {
    var tags = new LinkedHashMap<>(settings.defaultTags());
    tags.put(OwnershipTags.CLUSTER, settings.clusterName());
    tags.put(RESOURCE_KEY, RESOURCE);
    var name = ResourceNames.ofBackendSecurityGroup(settings.clusterName());
    var id =
        SecurityGroupCalls.create(
            ec2, name, "[k8s] Shared Backend SecurityGroup for LoadBalancer", vpcId, tags);
    LOG.infof("created the backend security group %s (%s)", name, id);
    return id;
  }

  /** A load balancer of the account that carries the group, if any. */
  private Optional<String> loadBalancerUsing(String groupId) {
    for (var page :
        elbv2.describeLoadBalancersPaginator(r -> r.pageSize(LoadBalancerDependent.PAGE_SIZE))) {
      for (var lb : page.loadBalancers()) {
        if (lb.securityGroups().contains(groupId)) {
          return Optional.of(lb.loadBalancerName());
        }
      }
    }
    return Optional.empty();
  }
}
