package io.elbv2.operator.deploy;

import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.config.Lease;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.model.LoadBalancerSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;

/**
 * The stack's load balancer. Found by its tags among every load balancer of the account (so one
 * made by the Go controller is adopted, whatever its name); subnets, address type, security groups,
 * attributes and tags are changed in place, and only a scheme or type change replaces it: the old
 * one goes first, since the new one takes its name.
 */
public abstract class LoadBalancerDependent<P extends HasMetadata>
    extends PolledAwsDependent<AwsLoadBalancer, P>
    implements Creator<AwsLoadBalancer, P>, Updater<AwsLoadBalancer, P>, Deleter<P> {

  private static final Logger LOG = Logger.getLogger(LoadBalancerDependent.class);

  /** The most ELBv2 gives per describe call. */
  static final int PAGE_SIZE = 400;

  private final ElasticLoadBalancingV2Client elbv2;
  private final OwnedResourceIndex index;
  private final Set<String> externalManagedTags;
  private final KnownListeners listeners;
  private final SharedListing<List<LoadBalancer>> listings = new SharedListing<>(this::listAll);

  protected LoadBalancerDependent(
      ElasticLoadBalancingV2Client elbv2,
      OperatorSettings settings,
      Lease lease,
      AwsListingHealth health,
      StackKind kind) {
    super(AwsLoadBalancer.class, settings.loadBalancerResyncPeriod(), lease, health, kind);
    this.elbv2 = elbv2;
    this.index = new OwnedResourceIndex(elbv2, settings.clusterName(), kind);
    this.externalManagedTags = settings.externalManagedTags();
    this.listeners = new KnownListeners(elbv2);
  }

  @Override
  Map<String, String> tagsOf(AwsLoadBalancer loadBalancer) {
    return loadBalancer.spec().tags();
  }

  /**
   * Every load balancer of the cluster, marked when one of the listeners its stack last had is gone
   * (deleted by hand), so that the stack is reconciled and puts it back.
   */
  @Override
  public Map<ResourceID, Set<AwsLoadBalancer>> fetchResources() {
    var listed = listings.begunSince(System.nanoTime());
    var incomplete =
        listeners.missingListeners(listed.stream().map(LoadBalancer::loadBalancerArn).toList());
    return index.index(
        listed,
        LoadBalancer::loadBalancerArn,
        (lb, tags) -> {
          var found = AwsLoadBalancer.found(lb, tags);
          return incomplete.contains(found.arn()) ? found.withListenerMissing() : found;
        });
  }

  private List<LoadBalancer> listAll() {
    return OwnedResourceIndex.all(
        elbv2.describeLoadBalancersPaginator(r -> r.pageSize(PAGE_SIZE)).loadBalancers());
  }

  /** The stack's load balancer, with the security groups it names and those the stack manages. */
  @Override
  protected AwsLoadBalancer desired(P primary, Context<P> context) {
    var spec = StackReconciliation.stack(context).loadBalancer();
    var managed = new java.util.ArrayList<>(StackReconciliation.securityGroupIds(context).values());
    StackReconciliation.backendSecurityGroupId(context).ifPresent(managed::add);
    if (managed.isEmpty()) {
      return AwsLoadBalancer.wanted(spec);
    }
    var groups = new java.util.ArrayList<>(spec.securityGroups());
    managed.stream().sorted().forEach(groups::add);
    return AwsLoadBalancer.wanted(
        new LoadBalancerSpec(
            spec.name(),
            spec.type(),
            spec.scheme(),
            spec.ipAddressType(),
            spec.subnets(),
            groups,
            spec.attributes(),
            spec.tags()));
  }

  @Override
  public ReconcileResult<AwsLoadBalancer> reconcile(P primary, Context<P> context) {
    try (var turn = StackReconciliation.awsCallTurn(context)) {
      return replaceUnwantedAndReconcile(primary, context);
    }
  }

  private ReconcileResult<AwsLoadBalancer> replaceUnwantedAndReconcile(
      P primary, Context<P> context) {
    var wanted = getOrComputeDesired(context);
    var kept = selectTargetSecondaryResource(Set.of(), primary, context);
    for (var found : ofStack(context).toList()) {
      if (!found.canBecome(wanted)) {
        LOG.infof("replacing load balancer %s: scheme or type changed", found.spec().name());
        delete(primary, found);
      } else if (!kept.equals(Optional.of(found))) {
        LOG.infof("deleting load balancer %s: the stack has another", found.spec().name());
        delete(primary, found);
      }
    }
    var result = super.reconcile(primary, context);
    result
        .getSingleResource()
        .ifPresent(lb -> StackReconciliation.loadBalancerDeployed(context, lb, listeners));
    return result;
  }

  /** The stack's own load balancers in the cache, whatever the framework passes in. */
  @Override
  protected Optional<AwsLoadBalancer> selectTargetSecondaryResource(
      Set<AwsLoadBalancer> found, P primary, Context<P> context) {
    var wanted = getOrComputeDesired(context);
    return ofStack(context)
        .filter(lb -> lb.canBecome(wanted))
        .min(java.util.Comparator.comparing(AwsLoadBalancer::arn));
  }

  /**
   * Makes the load balancer, unless AWS already has one tagged for the stack that the last poll did
   * not see (made by the Go controller moments ago, or by this operator just before a crash): that
   * one is adopted and brought to the stack. Found by its tags whatever its name, from a listing
   * begun after this reconciliation began (shared with the other stacks being made at the same
   * time) whose tags are read only for load balancers not seen before. Failing that, one of the
   * stack's name in the same listing is adopted when it is this cluster's (see {@link
   * OwnedResourceIndex#adoptableByName}).
   */
  @Override
  public AwsLoadBalancer create(AwsLoadBalancer desired, P primary, Context<P> context) {
    var listed = listings.begunSince(StackReconciliation.began(context));
    var unseen =
        index
            .indexSome(listed, LoadBalancer::loadBalancerArn, AwsLoadBalancer::found)
            .getOrDefault(ResourceID.fromResource(primary), Set.of())
            .stream()
            .filter(inStack(context))
            .filter(lb -> lb.canBecome(desired))
            .min(java.util.Comparator.comparing(AwsLoadBalancer::arn));
    if (unseen.isPresent()) {
      LOG.infof("adopting load balancer %s", unseen.get().spec().name());
      return update(unseen.get(), desired, primary, context);
    }
    var spec = desired.spec();
    var named = listed.stream().filter(lb -> spec.name().equals(lb.loadBalancerName())).findFirst();
    if (named.isPresent()) {
      var found =
          AwsLoadBalancer.found(
              named.get(),
              index.adoptableByName(
                  "load balancer",
                  spec.name(),
                  named.get().loadBalancerArn(),
                  StackReconciliation.stack(context).id()));
      if (found.canBecome(desired)) {
        LOG.infof("adopting load balancer %s by its name", spec.name());
        return update(found, desired, primary, context);
      }
      // The stack's own of another scheme or type is being replaced: it goes before a new one.
      if (!inStack(context).test(found)) {
        throw new NameTakenException("load balancer", spec.name(), "has another scheme or type");
      }
    }
    var created =
        elbv2
            .createLoadBalancer(
                r ->
                    r.name(spec.name())
                        .type(spec.type().name().toLowerCase())
                        .scheme(spec.scheme().aws())
                        .ipAddressType(spec.ipAddressType().aws())
                        .subnetMappings(subnetMappings(spec))
                        .securityGroups(
                            spec.securityGroups().isEmpty() ? null : spec.securityGroups())
                        .tags(OwnedResourceIndex.tags(spec.tags())))
            .loadBalancers()
            .get(0);
    LOG.infof("created load balancer %s (%s)", spec.name(), created.dnsName());
    StackReconciliation.loadBalancerCreated(context);
    index.remember(created.loadBalancerArn(), spec.tags());
    var made = AwsLoadBalancer.found(created, spec.tags());
    rememberCreated(primary, made);
    writeAttributes(created.loadBalancerArn(), spec.attributes(), Map.of());
    return made;
  }

  @Override
  public Result<AwsLoadBalancer> match(AwsLoadBalancer actual, P primary, Context<P> context) {
    var wanted = getOrComputeDesired(context);
    var matched =
        subnetIds(actual.spec()).equals(subnetIds(wanted.spec()))
            && actual.spec().ipAddressType() == wanted.spec().ipAddressType()
            && sameSecurityGroups(actual.spec(), wanted.spec())
            && Attributes.changed(wanted.spec().attributes(), attributes(actual, wanted.spec()))
                .isEmpty()
            && tagChanges(actual, wanted).none();
    return Result.computed(matched, wanted);
  }

  @Override
  public AwsLoadBalancer update(
      AwsLoadBalancer actual, AwsLoadBalancer desired, P primary, Context<P> context) {
    var arn = actual.arn();
    var spec = desired.spec();
    if (!subnetIds(actual.spec()).equals(subnetIds(spec))) {
      elbv2.setSubnets(r -> r.loadBalancerArn(arn).subnetMappings(subnetMappings(spec)));
    }
    if (actual.spec().ipAddressType() != spec.ipAddressType()) {
      elbv2.setIpAddressType(r -> r.loadBalancerArn(arn).ipAddressType(spec.ipAddressType().aws()));
    }
    if (!sameSecurityGroups(actual.spec(), spec)) {
      elbv2.setSecurityGroups(r -> r.loadBalancerArn(arn).securityGroups(spec.securityGroups()));
    }
    writeAttributes(arn, spec.attributes(), attributes(actual, spec));
    var tags = index.retag(arn, actual.spec().tags(), tagChanges(actual, desired));
    var updated = elbv2.describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers().get(0);
    return AwsLoadBalancer.found(updated, tags);
  }

  private TagChanges tagChanges(AwsLoadBalancer actual, AwsLoadBalancer wanted) {
    return TagChanges.between(actual.spec().tags(), wanted.spec().tags(), externalManagedTags);
  }

  /** Every load balancer of the stack goes; AWS deletes their listeners with them. */
  @Override
  public void delete(P primary, Context<P> context) {
    for (var found : ofStack(context).toList()) {
      delete(primary, found);
    }
  }

  private void delete(P primary, AwsLoadBalancer found) {
    LOG.infof("deleting load balancer %s", found.spec().name());
    // AWS answers a delete of a load balancer that is already gone with success.
    elbv2.deleteLoadBalancer(r -> r.loadBalancerArn(found.arn()));
    forgetDeleted(primary, found.arn());
  }

  private Map<String, String> attributes(AwsLoadBalancer actual, LoadBalancerSpec wanted) {
    return Attributes.currentIfWanted(
        wanted.attributes(),
        () ->
            Attributes.toMap(
                elbv2
                    .describeLoadBalancerAttributes(r -> r.loadBalancerArn(actual.arn()))
                    .attributes(),
                LoadBalancerAttribute::key,
                LoadBalancerAttribute::value));
  }

  private void writeAttributes(
      String arn, Map<String, String> wanted, Map<String, String> current) {
    Attributes.writeChanged(
        wanted,
        current,
        changed ->
            elbv2.modifyLoadBalancerAttributes(
                r ->
                    r.loadBalancerArn(arn)
                        .attributes(
                            changed.entrySet().stream()
                                .map(
                                    e ->
                                        LoadBalancerAttribute.builder()
                                            .key(e.getKey())
                                            .value(e.getValue())
                                            .build())
                                .toList())));
  }

  private static List<String> subnetIds(LoadBalancerSpec spec) {
    return spec.subnets().stream().map(LoadBalancerSpec.SubnetMapping::subnetId).sorted().toList();
  }

  /** Security groups are only compared when the stack names some. */
  private static boolean sameSecurityGroups(LoadBalancerSpec actual, LoadBalancerSpec wanted) {
    return wanted.securityGroups().isEmpty()
        || wanted.securityGroups().stream()
            .sorted()
            .toList()
            .equals(actual.securityGroups().stream().sorted().toList());
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
}
