package io.elbv2.operator.deploy;

import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.config.Lease;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.model.SecurityGroupSpec;
import io.elbv2.operator.model.SecurityGroupSpec.Rule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.CRUDExternalBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;

/**
 * The security groups a stack manages (an NLB's own group), found by their tags with one filtered
 * EC2 call for the whole cluster. Inbound rules are brought to the stack's by revoking what is
 * extra and authorizing what is missing; tags are brought to the stack's too. A group is deleted
 * after its load balancer; EC2 refuses while the load balancer's network interfaces still hold it,
 * and the caller tries again.
 */
public abstract class SecurityGroupsDependent<P extends HasMetadata>
    extends PolledAwsDependent<AwsSecurityGroup, P>
    implements CRUDExternalBulkDependentResource<AwsSecurityGroup, P, String> {

  static final String DEPENDENCY_VIOLATION = "DependencyViolation";

  private static final String DUPLICATE_RULE = "InvalidPermission.Duplicate";
  private static final Logger LOG = Logger.getLogger(SecurityGroupsDependent.class);

  private final Ec2Client ec2;
  private final String cluster;
  private final StackKind kind;
  private final Set<String> externalManagedTags;

  protected SecurityGroupsDependent(
      Ec2Client ec2,
      OperatorSettings settings,
      Lease lease,
      AwsListingHealth health,
      StackKind kind) {
    super(AwsSecurityGroup.class, settings.loadBalancerResyncPeriod(), lease, health, kind);
    this.ec2 = ec2;
    this.cluster = settings.clusterName();
    this.kind = kind;
    this.externalManagedTags = settings.externalManagedTags();
  }

  @Override
  Map<String, String> tagsOf(AwsSecurityGroup group) {
    return group.spec().tags();
  }

  @Override
  public Map<ResourceID, Set<AwsSecurityGroup>> fetchResources() {
    var byPrimary = new HashMap<ResourceID, Set<AwsSecurityGroup>>();
    ec2.describeSecurityGroupsPaginator(
            r ->
                r.filters(
                    Filter.builder().name("tag:" + OwnershipTags.CLUSTER).values(cluster).build(),
                    Filter.builder().name("tag-key").values(kind.tags().stackKey()).build()))
        .securityGroups()
        .forEach(
            group -> {
              var found = AwsSecurityGroup.found(group, kind.tags().resourceKey());
              var stack = found.spec().tags().get(kind.tags().stackKey());
              kind.primaryOf()
                  .apply(stack)
                  .ifPresent(
                      primary ->
                          byPrimary.computeIfAbsent(primary, p -> new HashSet<>()).add(found));
            });
    return byPrimary;
  }

  @Override
  public Map<String, AwsSecurityGroup> desiredResources(P primary, Context<P> context) {
    var desired = new LinkedHashMap<String, AwsSecurityGroup>();
    for (var spec : StackReconciliation.stack(context).securityGroups()) {
      desired.put(spec.resourceId(), AwsSecurityGroup.wanted(spec));
    }
    return desired;
  }

  /** By resource id; a duplicate gets a key of its own, so that it goes. */
  @Override
  public Map<String, AwsSecurityGroup> getSecondaryResources(P primary, Context<P> context) {
    return byKey(primary, context, group -> group.spec().resourceId());
  }

  @Override
  public ReconcileResult<AwsSecurityGroup> reconcile(P primary, Context<P> context) {
    try (var turn = StackReconciliation.awsCallTurn(context)) {
      var result = super.reconcile(primary, context);
      var ids = new HashMap<String, String>();
      result
          .getResourceOperations()
          .keySet()
          .forEach(group -> ids.put(group.spec().resourceId(), group.groupId()));
      StackReconciliation.securityGroupsDeployed(context, ids);
      return result;
    }
  }

  /**
   * Makes the group, unless EC2 has one tagged for it that the last poll did not see (made by the
   * Go controller moments ago, or by this operator just before a crash): that one is adopted. Found
   * by the stack's tags whatever its name.
   */
  @Override
  public AwsSecurityGroup create(AwsSecurityGroup desired, P primary, Context<P> context) {
    var spec = desired.spec();
    var stack = spec.tags().get(kind.tags().stackKey());
    var unseen =
        ec2
            .describeSecurityGroups(
                r ->
                    r.filters(
                        Filter.builder()
                            .name("tag:" + OwnershipTags.CLUSTER)
                            .values(cluster)
                            .build(),
                        Filter.builder()
                            .name("tag:" + kind.tags().stackKey())
                            .values(stack)
                            .build(),
                        Filter.builder().name("vpc-id").values(spec.vpcId()).build()))
            .securityGroups()
            .stream()
            .map(group -> AwsSecurityGroup.found(group, kind.tags().resourceKey()))
            .filter(group -> spec.resourceId().equals(group.spec().resourceId()))
            .filter(group -> ownedBy(group, primary))
            .min(java.util.Comparator.comparing(AwsSecurityGroup::groupId));
    if (unseen.isPresent()) {
      LOG.infof("adopting security group %s", unseen.get().groupId());
      return update(unseen.get(), desired, primary, context);
    }
    var groupId =
        SecurityGroupCalls.create(ec2, spec.name(), spec.description(), spec.vpcId(), spec.tags());
    LOG.infof("created security group %s (%s)", spec.name(), groupId);
    // Cached without rules until they are authorized, so a failure here is tried again.
    rememberCreated(
        primary,
        new AwsSecurityGroup(
            groupId,
            new SecurityGroupSpec(
                spec.resourceId(),
                spec.name(),
                spec.description(),
                spec.vpcId(),
                List.of(),
                spec.tags())));
    authorize(groupId, spec.ingress());
    return new AwsSecurityGroup(groupId, spec);
  }

  @Override
  public Result<AwsSecurityGroup> match(
      AwsSecurityGroup actual, AwsSecurityGroup desired, P primary, Context<P> context) {
    return Result.computed(
        actual.rules().equals(desired.rules()) && tagChanges(actual, desired).none(), desired);
  }

  @Override
  public AwsSecurityGroup update(
      AwsSecurityGroup actual, AwsSecurityGroup desired, P primary, Context<P> context) {
    var extra = new HashSet<>(actual.rules());
    extra.removeAll(desired.rules());
    var missing = new HashSet<>(desired.rules());
    missing.removeAll(actual.rules());
    if (!extra.isEmpty()) {
      ec2.revokeSecurityGroupIngress(
          r -> r.groupId(actual.groupId()).ipPermissions(permissions(extra)));
    }
    authorize(actual.groupId(), missing);
    var changes = tagChanges(actual, desired);
    SecurityGroupCalls.retag(ec2, actual.groupId(), changes);
    return new AwsSecurityGroup(
        actual.groupId(),
        new io.elbv2.operator.model.SecurityGroupSpec(
            actual.spec().resourceId(),
            actual.spec().name(),
            actual.spec().description(),
            actual.spec().vpcId(),
            desired.spec().ingress(),
            changes.appliedTo(actual.spec().tags())));
  }

  private TagChanges tagChanges(AwsSecurityGroup actual, AwsSecurityGroup desired) {
    return TagChanges.between(actual.spec().tags(), desired.spec().tags(), externalManagedTags);
  }

  /** A group no longer wanted while the stack lives: tried now, and again later if still held. */
  @Override
  public void deleteTargetResource(
      P primary, AwsSecurityGroup found, String key, Context<P> context) {
    try {
      delete(primary, found);
    } catch (Ec2Exception e) {
      if (!isDependencyViolation(e)) {
        throw e;
      }
      StackReconciliation.deferDeletion(context);
    }
  }

  /** Every group of the stack goes, after its load balancer (the workflow's reverse order). */
  @Override
  public void delete(P primary, Context<P> context) {
    for (var found : ofStack(context).toList()) {
      delete(primary, found);
    }
  }

  private boolean ownedBy(AwsSecurityGroup group, P primary) {
    var tags = group.spec().tags();
    return cluster.equals(tags.get(OwnershipTags.CLUSTER))
        && kind.primaryOf()
            .apply(tags.getOrDefault(kind.tags().stackKey(), ""))
            .map(ResourceID.fromResource(primary)::equals)
            .orElse(false);
  }

  public static boolean isDependencyViolation(Throwable e) {
    return e instanceof Ec2Exception ec2
        && ec2.awsErrorDetails() != null
        && DEPENDENCY_VIOLATION.equals(ec2.awsErrorDetails().errorCode());
  }

  private void delete(P primary, AwsSecurityGroup found) {
    LOG.infof("deleting security group %s (%s)", found.spec().name(), found.groupId());
    SecurityGroupCalls.deleteIfPresent(ec2, found.groupId());
    forgetDeleted(primary, found.groupId());
  }

  /**
   * Opens the rules. One that exists already (made since the listing this reconciliation read) is
   * what is wanted; AWS then refuses the whole call, so the others are opened one by one.
   */
  private void authorize(String groupId, Collection<Rule> rules) {
    if (rules.isEmpty()) {
      return;
    }
    try {
      ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions(rules)));
    } catch (Ec2Exception e) {
      if (e.awsErrorDetails() == null || !DUPLICATE_RULE.equals(e.awsErrorDetails().errorCode())) {
        throw e;
      }
      if (rules.size() > 1) {
        rules.forEach(rule -> authorize(groupId, List.of(rule)));
      }
    }
  }

  private static List<IpPermission> permissions(Collection<Rule> rules) {
    return rules.stream()
        .map(
            rule -> {
              var permission =
                  IpPermission.builder()
                      .ipProtocol(rule.protocol())
                      .fromPort(rule.fromPort())
                      .toPort(rule.toPort());
              return rule.cidr().contains(":")
                  ? permission.ipv6Ranges(Ipv6Range.builder().cidrIpv6(rule.cidr()).build()).build()
                  : permission.ipRanges(IpRange.builder().cidrIp(rule.cidr()).build()).build();
            })
        .toList();
  }
}
