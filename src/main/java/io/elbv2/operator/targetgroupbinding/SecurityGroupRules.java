package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.config.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Opens the targets' security groups to the sources each binding names in {@code spec.networking}.
 * Rules it adds carry the description {@value #SHARED}, as the Go controller's do; rules without it
 * are never removed. Several bindings may need the same rule, so a group's rules are the union over
 * every binding that targets it, and rules are removed only once every binding with networking has
 * reported since start-up.
 */
@ApplicationScoped
public class SecurityGroupRules {

  static final String SHARED = "elbv2.k8s.aws/targetGroupBinding=shared";
  private static final Logger LOG = Logger.getLogger(SecurityGroupRules.class);
  private static final String SOURCE_GROUP_GONE = "InvalidGroup.NotFound";

  private final Ec2Client ec2;
  private final String clusterTag;
  private final Map<String, Map<String, Set<Permission>>> wantedByBinding =
      new ConcurrentHashMap<>();
  private final Map<String, String> securityGroupByInstance = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  /**
   * Source groups EC2 says do not exist, found on authorizing or revoking a rule that names one.
   * Group ids are never reused, so such rules are not tried again either way; the bindings that
   * want them get a problem of their own, and the other bindings on the same security group are
   * served.
   */
  private final Set<String> missingSources = ConcurrentHashMap.newKeySet();

  @Inject
  SecurityGroupRules(Ec2Client ec2, OperatorSettings settings) {
    this(ec2, settings.clusterName());
  }

  SecurityGroupRules(Ec2Client ec2, String clusterName) {
    this.ec2 = ec2;
    this.clusterTag = "kubernetes.io/cluster/" + clusterName;
  }

  /**
   * The security group that guards each instance: its only one, or the one tagged {@code
   * kubernetes.io/cluster/<cluster>}.
   */
  public Set<String> securityGroupsOf(Collection<String> instanceIds) {
    var missing =
        instanceIds.stream()
            .filter(id -> !securityGroupByInstance.containsKey(id))
            .distinct()
            .toList();
    if (!missing.isEmpty()) {
      var instances =
          ec2.describeInstances(r -> r.instanceIds(missing)).reservations().stream()
              .flatMap(r -> r.instances().stream())
              .toList();
      var groupIds =
          instances.stream()
              .flatMap(i -> i.securityGroups().stream())
              .map(g -> g.groupId())
              .distinct()
              .toList();
      var groups = groupIds.isEmpty() ? List.<SecurityGroup>of() : describe(groupIds);
      for (var instance : instances) {
        var candidates =
            groups.stream()
                .filter(
                    g ->
                        instance.securityGroups().stream()
                            .anyMatch(s -> s.groupId().equals(g.groupId())))
                .toList();
        securityGroupByInstance.put(
            instance.instanceId(), choose(instance.instanceId(), candidates));
      }
    }
    var result = new TreeSet<String>();
    for (var id : instanceIds) {
      var group = securityGroupByInstance.get(id);
      if (group == null) {
        throw new BindingProblem(
            "SecurityGroupNotFound", "instance " + id + " was not found in EC2");
      }
      result.add(group);
    }
    return result;
  }

  private String choose(String instanceId, List<SecurityGroup> candidates) {
    if (candidates.size() == 1) {
      return candidates.get(0).groupId();
    }
    var tagged =
        candidates.stream()
            .filter(g -> g.tags().stream().anyMatch(t -> t.key().equals(clusterTag)))
            .toList();
    if (tagged.size() != 1) {
      throw new BindingProblem(
          "SecurityGroupNotResolved",
          "instance "
              + instanceId
              + " has "
              + candidates.size()
              + " security groups and "
              + tagged.size()
              + " of them are tagged "
              + clusterTag
              + "; exactly one must be");
    }
    return tagged.get(0).groupId();
  }

  /**
   * The bindings the cluster has, as the reconciler's cache sees them.
   *
   * @param withNetworking those not being deleted that have networking rules: rules are removed
   *     only once each of them has said what it wants
   * @param exists whether a binding is in the cluster now, deleted or not: the wants of one no
   *     longer there (deleted while another process held its finalizer) are dropped. Asked at the
   *     moment of dropping, so that a binding newer than {@code withNetworking} is kept.
   */
  public record Bindings(Set<String> withNetworking, Predicate<String> exists) {}

  /**
   * Records what one binding wants and brings the security groups it touches (now or before) to the
   * union of all bindings' wants.
   */
  public void apply(String binding, Map<String, Set<Permission>> wanted, Bindings bindings) {
    var previous =
        wanted.isEmpty() ? wantedByBinding.remove(binding) : wantedByBinding.put(binding, wanted);
    var groups = new TreeSet<>(wanted.keySet());
    if (previous != null) {
      groups.addAll(previous.keySet());
    }
    for (var gone : Set.copyOf(wantedByBinding.keySet())) {
      if (!gone.equals(binding) && !bindings.exists().test(gone)) {
        var dropped = wantedByBinding.remove(gone);
        if (dropped != null) {
          groups.addAll(dropped.keySet());
        }
      }
    }
    boolean mayRevoke =
        wantedByBinding.keySet().containsAll(withoutSelf(bindings.withNetworking(), binding));
    for (var group : groups) {
      synchronized (locks.computeIfAbsent(group, g -> new Object())) {
        converge(group, mayRevoke);
      }
    }
    var missing =
        wanted.values().stream()
            .flatMap(Set::stream)
            .map(Permission::source)
            .filter(missingSources::contains)
            .collect(Collectors.toCollection(TreeSet::new));
    if (!missing.isEmpty()) {
      throw new BindingProblem(
          "SecurityGroupNotFound",
          "networking names security groups that do not exist: " + String.join(", ", missing));
    }
  }

  /** The binding is gone: its rules go unless another binding still needs them. */
  public void forget(String binding, Bindings bindings) {
    apply(binding, Map.of(), bindings);
  }

  private void converge(String group, boolean mayRevoke) {
    var wanted = new TreeSet<Permission>();
    wantedByBinding
        .values()
        .forEach(byGroup -> wanted.addAll(byGroup.getOrDefault(group, Set.of())));
    var existing = new HashSet<Permission>();
    var owned = new TreeSet<Permission>();
    for (var permission : describe(List.of(group)).get(0).ipPermissions()) {
      flatten(permission, existing, owned);
    }
    var missing =
        wanted.stream()
            .filter(p -> !existing.contains(p) && !missingSources.contains(p.source()))
            .toList();
    if (!missing.isEmpty()) {
      try {
        authorize(group, missing);
      } catch (AwsServiceException e) {
        if (!SOURCE_GROUP_GONE.equals(e.awsErrorDetails().errorCode())) {
          throw e;
        }
        // One rule naming a group that does not exist must not keep the others: one at a time.
        missing.forEach(permission -> authorizeUnlessSourceMissing(group, permission));
      }
    }
    var extra =
        owned.stream()
            .filter(p -> !wanted.contains(p) && !missingSources.contains(p.source()))
            .toList();
    if (!extra.isEmpty() && mayRevoke) {
      try {
        ec2.revokeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(toAws(extra)));
      } catch (AwsServiceException e) {
        if (!SOURCE_GROUP_GONE.equals(e.awsErrorDetails().errorCode())) {
          throw e;
        }
        // A rule naming a group deleted meanwhile must not keep the others: one at a time.
        extra.forEach(permission -> revokeUnlessSourceGone(group, permission));
      }
      LOG.infof("security group %s: closed %s", group, extra);
    }
  }

  private void authorize(String group, List<Permission> permissions) {
    try {
      ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(toAws(permissions)));
      LOG.infof("security group %s: opened %s", group, permissions);
    } catch (AwsServiceException e) {
      if (!"InvalidPermission.Duplicate".equals(e.awsErrorDetails().errorCode())) {
        throw e;
      }
    }
  }

  private void authorizeUnlessSourceMissing(String group, Permission permission) {
    try {
      authorize(group, List.of(permission));
    } catch (AwsServiceException e) {
      if (!SOURCE_GROUP_GONE.equals(e.awsErrorDetails().errorCode())) {
        throw e;
      }
      LOG.warnf("security group %s: rule %s names a group that does not exist", group, permission);
      missingSources.add(permission.source());
    }
  }

  private void revokeUnlessSourceGone(String group, Permission permission) {
    try {
      ec2.revokeSecurityGroupIngress(
          r -> r.groupId(group).ipPermissions(toAws(List.of(permission))));
    } catch (AwsServiceException e) {
      if (!SOURCE_GROUP_GONE.equals(e.awsErrorDetails().errorCode())) {
        throw e;
      }
      LOG.warnf(
          "security group %s: rule %s names a group that no longer exists", group, permission);
      missingSources.add(permission.source());
    }
  }

  private List<SecurityGroup> describe(List<String> groupIds) {
    return ec2.describeSecurityGroups(r -> r.groupIds(groupIds)).securityGroups();
  }

  private static void flatten(IpPermission permission, Set<Permission> all, Set<Permission> owned) {
    var protocol = permission.ipProtocol();
    int from = permission.fromPort() == null ? -1 : permission.fromPort();
    int to = permission.toPort() == null ? -1 : permission.toPort();
    for (var range : permission.ipRanges()) {
      add(new Permission(protocol, from, to, range.cidrIp()), range.description(), all, owned);
    }
    for (var range : permission.ipv6Ranges()) {
      add(new Permission(protocol, from, to, range.cidrIpv6()), range.description(), all, owned);
    }
    for (var pair : permission.userIdGroupPairs()) {
      add(new Permission(protocol, from, to, pair.groupId()), pair.description(), all, owned);
    }
  }

  private static void add(
      Permission permission, String description, Set<Permission> all, Set<Permission> owned) {
    all.add(permission);
    if (SHARED.equals(description)) {
      owned.add(permission);
    }
  }

  private static List<IpPermission> toAws(Collection<Permission> permissions) {
    return permissions.stream().map(SecurityGroupRules::toAws).toList();
  }

  private static IpPermission toAws(Permission permission) {
    var builder =
        IpPermission.builder()
            .ipProtocol(permission.protocol())
            .fromPort(permission.fromPort())
            .toPort(permission.toPort());
    if (permission.fromSecurityGroup()) {
      builder.userIdGroupPairs(
          UserIdGroupPair.builder().groupId(permission.source()).description(SHARED).build());
    } else if (permission.ipv6()) {
      builder.ipv6Ranges(
          Ipv6Range.builder().cidrIpv6(permission.source()).description(SHARED).build());
    } else {
      builder.ipRanges(IpRange.builder().cidrIp(permission.source()).description(SHARED).build());
    }
    return builder.build();
  }

  private static Set<String> withoutSelf(Set<String> bindings, String self) {
    var others = new HashSet<>(bindings);
    others.remove(self);
    return others;
  }
}
