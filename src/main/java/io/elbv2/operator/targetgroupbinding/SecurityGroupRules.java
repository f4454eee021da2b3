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
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Opens the targets' security groups to the sources each binding names in {@code spec.networking}.
 * Rules it adds carry the description {@value #SHARED}, as the Go controller's do; rules without it
 * are never removed. Several bindings may need the same rule, so a group's rules are the union over
 * every binding that targets it, merged into port ranges ({@link NetworkingRules#merge}), and rules
 * are removed only once every binding with networking has reported since start-up: after a restart
 * the rules in AWS with that description are ours, and which binding wants which is learnt again
 * from the bindings ({@link #remember}).
 */
@ApplicationScoped
public class SecurityGroupRules {

  static final String SHARED = "elbv2.k8s.aws/targetGroupBinding=shared";
  private static final Logger LOG = Logger.getLogger(SecurityGroupRules.class);
  private static final String SOURCE_GROUP_GONE = "InvalidGroup.NotFound";
  private static final String RULES_LIMIT = "RulesPerSecurityGroupLimitExceeded";

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

  /** Groups with rules to revoke once every binding has said what it wants. */
  private final Set<String> deferred = ConcurrentHashMap.newKeySet();

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
   * union of all bindings' wants, merged into port ranges.
   */
  public void apply(String binding, Map<String, Set<Permission>> wanted, Bindings bindings) {
    var previous = wantedByBinding.put(binding, Map.copyOf(wanted));
    var groups = new TreeSet<>(wanted.keySet());
    if (previous != null) {
      groups.addAll(previous.keySet());
    }
    converge(binding, groups, bindings);
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

  /** Whether the binding said what it wants since start-up. */
  public boolean knows(String binding) {
    return wantedByBinding.containsKey(binding);
  }

  /**
   * Records what a binding already served wants, as learnt after a restart, without touching its
   * groups: their rules are in AWS already. Once every binding is known, the rules whose removal
   * waited for that are removed.
   */
  public void remember(String binding, Map<String, Set<Permission>> wanted, Bindings bindings) {
    wantedByBinding.put(binding, Map.copyOf(wanted));
    converge(binding, Set.of(), bindings);
  }

  /**
   * The binding is gone: its rules go unless another binding still needs them.
   *
   * @param mayHold the groups it may have opened, for a binding not known since start-up
   */
  public void forget(String binding, Bindings bindings, Set<String> mayHold) {
    var previous = wantedByBinding.remove(binding);
    var groups = new TreeSet<>(mayHold);
    if (previous != null) {
      groups.addAll(previous.keySet());
    }
    converge(binding, groups, bindings);
  }

  /** The binding is gone, or has no networking (any more). */
  public void forget(String binding, Bindings bindings) {
    forget(binding, bindings, Set.of());
  }

  /**
   * Deletes a security group that rules admit (the cluster's backend group) once no rule of any
   * group in the VPC names it any more: EC2 refuses to delete a group still named, and a rule
   * naming a deleted group can no longer be revoked. Bindings that still want such rules (those
   * being deleted with it) get a problem, as for any missing source group.
   *
   * @param delete deletes the group; when it fails, the group is a source again
   */
  public void deleteSourceGroup(String sourceGroup, String vpcId, Runnable delete) {
    missingSources.add(sourceGroup);
    try {
      revokeRulesNaming(sourceGroup, vpcId);
      delete.run();
    } catch (RuntimeException e) {
      missingSources.remove(sourceGroup);
      throw e;
    }
  }

  private void revokeRulesNaming(String sourceGroup, String vpcId) {
    var groups =
        ec2.describeSecurityGroups(
                r ->
                    r.filters(
                        Filter.builder().name("vpc-id").values(vpcId).build(),
                        Filter.builder()
                            .name("ip-permission.group-id")
                            .values(sourceGroup)
                            .build()))
            .securityGroups();
    for (var group : groups) {
      synchronized (locks.computeIfAbsent(group.groupId(), g -> new Object())) {
        var naming =
            group.ipPermissions().stream()
                .map(p -> namingOnly(p, sourceGroup))
                .filter(p -> !p.userIdGroupPairs().isEmpty())
                .toList();
        if (!naming.isEmpty()) {
          ec2.revokeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(naming));
          LOG.infof(
              "security group %s: closed its rules from %s, which is being deleted",
              group.groupId(), sourceGroup);
        }
      }
    }
  }

  /** The part of a rule that admits {@code sourceGroup}, with its description, as EC2 keeps it. */
  private static IpPermission namingOnly(IpPermission permission, String sourceGroup) {
    return permission.toBuilder()
        .ipRanges(List.of())
        .ipv6Ranges(List.of())
        .prefixListIds(List.of())
        .userIdGroupPairs(
            permission.userIdGroupPairs().stream()
                .filter(pair -> sourceGroup.equals(pair.groupId()))
                .toList())
        .build();
  }

  /**
   * Converges the groups a binding touches, after dropping the wants of bindings no longer in the
   * cluster. Rules are revoked only when every binding with networking has said what it wants;
   * until then the groups with rules to revoke wait, and are converged by the first call that may.
   */
  private void converge(String binding, Set<String> touched, Bindings bindings) {
    var groups = new TreeSet<>(touched);
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
    if (mayRevoke) {
      groups.addAll(deferred);
    }
    for (var group : groups) {
      synchronized (locks.computeIfAbsent(group, g -> new Object())) {
        if (mayRevoke) {
          deferred.remove(group);
        }
        converge(group, mayRevoke);
      }
    }
  }

  private void converge(String group, boolean mayRevoke) {
    var unmerged = new TreeSet<Permission>();
    wantedByBinding
        .values()
        .forEach(byGroup -> unmerged.addAll(byGroup.getOrDefault(group, Set.of())));
    var wanted = NetworkingRules.merge(unmerged);
    var existing = new HashSet<Permission>();
    var owned = new TreeSet<Permission>();
    for (var permission : describe(List.of(group)).get(0).ipPermissions()) {
      flatten(permission, existing, owned);
    }
    var extra =
        owned.stream()
            .filter(p -> !wanted.contains(p) && !missingSources.contains(p.source()))
            .toList();
    // A rule already open in a wider one that stays (a user's, or ours while some binding has not
    // said what it wants) is not added again, or partial knowledge would add narrower ranges.
    var staying = new HashSet<>(existing);
    if (mayRevoke) {
      extra.forEach(staying::remove);
    }
    var missing =
        wanted.stream()
            .filter(p -> !missingSources.contains(p.source()))
            .filter(p -> staying.stream().noneMatch(s -> s.covers(p)))
            .toList();
    // Until every binding is known only rules another one fully covers go: a range widened for a
    // new Service replaces the narrower one, so that ranges never pile up towards the quota.
    var kept = new HashSet<>(staying);
    kept.addAll(missing);
    var revoked =
        mayRevoke
            ? extra
            : extra.stream()
                .filter(p -> kept.stream().anyMatch(k -> !k.equals(p) && k.covers(p)))
                .toList();
    if (revoked.size() < extra.size()) {
      deferred.add(group);
    }
    if (!missing.isEmpty()) {
      try {
        authorize(group, missing);
      } catch (AwsServiceException e) {
        var code = e.awsErrorDetails().errorCode();
        if (RULES_LIMIT.equals(code) && !revoked.isEmpty()) {
          // The ranges that replace narrower ones fit once those are gone: revoke first.
          revoke(group, revoked);
          missing.forEach(permission -> authorizeUnlessSourceMissing(group, permission));
          return;
        }
        if (!SOURCE_GROUP_GONE.equals(code)) {
          throw e;
        }
        // One rule naming a group that does not exist must not keep the others: one at a time.
        missing.forEach(permission -> authorizeUnlessSourceMissing(group, permission));
      }
    }
    if (!revoked.isEmpty()) {
      revoke(group, revoked);
    }
  }

  private void revoke(String group, List<Permission> extra) {
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
