package io.elbv2.operator.deploy;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.aws.AwsListingHealth;
import io.elbv2.operator.config.Lease;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.model.HealthCheckSpec;
import io.elbv2.operator.model.TargetGroupSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.CRUDExternalBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * The stack's target groups, found by their tags (so those made by the Go controller are adopted).
 * Health checks, attributes and tags change in place; a group no longer wanted goes as soon as no
 * listener uses it.
 */
public abstract class TargetGroupsDependent<P extends HasMetadata>
    extends PolledAwsDependent<AwsTargetGroup, P>
    implements CRUDExternalBulkDependentResource<AwsTargetGroup, P, String> {

  private static final Logger LOG = Logger.getLogger(TargetGroupsDependent.class);

  private final ElasticLoadBalancingV2Client elbv2;
  private final OwnedResourceIndex index;
  private final String resourceKey;
  private final Set<String> externalManagedTags;
  private final SharedListing<List<TargetGroup>> listings = new SharedListing<>(this::listAll);

  protected TargetGroupsDependent(
      ElasticLoadBalancingV2Client elbv2,
      OperatorSettings settings,
      Lease lease,
      AwsListingHealth health,
      StackKind kind) {
    super(AwsTargetGroup.class, settings.loadBalancerResyncPeriod(), lease, health, kind);
    this.elbv2 = elbv2;
    this.index = new OwnedResourceIndex(elbv2, settings.clusterName(), kind);
    this.resourceKey = kind.tags().resourceKey();
    this.externalManagedTags = settings.externalManagedTags();
  }

  @Override
  Map<String, String> tagsOf(AwsTargetGroup targetGroup) {
    return targetGroup.spec().tags();
  }

  @Override
  public Map<ResourceID, Set<AwsTargetGroup>> fetchResources() {
    return index.index(
        listings.begunSince(System.nanoTime()),
        tg -> tg.targetGroupArn(),
        (tg, tags) -> AwsTargetGroup.found(tg, tags, resourceKey));
  }

  private List<TargetGroup> listAll() {
    return OwnedResourceIndex.all(
        elbv2
            .describeTargetGroupsPaginator(r -> r.pageSize(LoadBalancerDependent.PAGE_SIZE))
            .targetGroups());
  }

  /**
   * The stack's groups in AWS by their key, from a listing begun after this reconciliation began
   * (shared with the other stacks being made at the same time), once per reconciliation that makes
   * any, however many it makes.
   */
  private Map<String, AwsTargetGroup> unseen(P primary, Context<P> context) {
    var memo = StackReconciliation.unseenTargetGroups(context);
    if (memo.isPresent()) {
      return memo.get();
    }
    var found = new HashMap<String, AwsTargetGroup>();
    index
        .indexSome(
            listings.begunSince(StackReconciliation.began(context)),
            TargetGroup::targetGroupArn,
            (tg, tags) -> AwsTargetGroup.found(tg, tags, resourceKey))
        .getOrDefault(ResourceID.fromResource(primary), Set.of())
        .stream()
        .filter(tg -> tg.spec().resourceId() != null)
        .filter(inStack(context))
        .sorted(java.util.Comparator.comparing(AwsTargetGroup::arn))
        .forEach(tg -> found.putIfAbsent(tg.key(), tg));
    StackReconciliation.unseenTargetGroupsListed(context, found);
    return found;
  }

  @Override
  public Map<String, AwsTargetGroup> desiredResources(P primary, Context<P> context) {
    var desired = new LinkedHashMap<String, AwsTargetGroup>();
    for (var spec : StackReconciliation.stack(context).targetGroups()) {
      var wanted = AwsTargetGroup.wanted(spec);
      desired.put(wanted.key(), wanted);
    }
    return desired;
  }

  /** By {@link AwsTargetGroup#key()}; a duplicate gets a key of its own, so that it goes. */
  @Override
  public Map<String, AwsTargetGroup> getSecondaryResources(P primary, Context<P> context) {
    return byKey(primary, context, tg -> tg.spec().resourceId() == null ? null : tg.key());
  }

  @Override
  public ReconcileResult<AwsTargetGroup> reconcile(P primary, Context<P> context) {
    try (var turn = StackReconciliation.awsCallTurn(context)) {
      var result = super.reconcile(primary, context);
      var arns = new HashMap<String, String>();
      result
          .getResourceOperations()
          .keySet()
          .forEach(tg -> arns.put(tg.spec().resourceId(), tg.arn()));
      StackReconciliation.targetGroupsDeployed(context, arns);
      return result;
    }
  }

  /**
   * Makes the group, unless AWS has one tagged for it that the last poll did not see (made by the
   * Go controller moments ago, or by this operator just before a crash), or one of its name that is
   * this cluster's (see {@link OwnedResourceIndex#adoptableByName}): that one is adopted.
   */
  @Override
  public AwsTargetGroup create(AwsTargetGroup desired, P primary, Context<P> context) {
    var unseen = Optional.ofNullable(unseen(primary, context).get(desired.key()));
    if (unseen.isPresent()) {
      LOG.infof("adopting target group %s", unseen.get().spec().name());
      return adopt(unseen.get(), desired, primary, context);
    }
    var spec = desired.spec();
    var named =
        listings.begunSince(StackReconciliation.began(context)).stream()
            .filter(tg -> spec.name().equals(tg.targetGroupName()))
            .findFirst();
    if (named.isPresent()) {
      var found =
          AwsTargetGroup.found(
              named.get(),
              index.adoptableByName(
                  "target group",
                  spec.name(),
                  named.get().targetGroupArn(),
                  StackReconciliation.stack(context).id()),
              resourceKey);
      if (!found.canBecome(desired)) {
        throw new NameTakenException(
            "target group", spec.name(), "has another protocol, port or target type");
      }
      LOG.infof("adopting target group %s by its name", spec.name());
      return adopt(found.as(spec.resourceId()), desired, primary, context);
    }
    var hc = spec.healthCheck();
    var created =
        elbv2
            .createTargetGroup(
                r ->
                    r.name(spec.name())
                        .protocol(spec.protocol())
                        .protocolVersion(spec.protocolVersion())
                        .port(spec.port())
                        .vpcId(spec.vpcId())
                        .targetType(spec.targetType())
                        .ipAddressType(spec.ipAddressType())
                        .healthCheckProtocol(hc.protocol())
                        .healthCheckPort(hc.port())
                        .healthCheckPath(hc.path())
                        .healthCheckIntervalSeconds(hc.intervalSeconds())
                        .healthCheckTimeoutSeconds(hc.timeoutSeconds())
                        .healthyThresholdCount(hc.healthyThreshold())
                        .unhealthyThresholdCount(hc.unhealthyThreshold())
                        .matcher(matcher(hc))
                        .tags(OwnedResourceIndex.tags(spec.tags())))
            .targetGroups()
            .get(0);
    LOG.infof("created target group %s", spec.name());
    index.remember(created.targetGroupArn(), spec.tags());
    var made = AwsTargetGroup.found(created, spec.tags(), resourceKey);
    rememberCreated(primary, made);
    writeAttributes(created.targetGroupArn(), spec.attributes(), Map.of());
    return made;
  }

  private AwsTargetGroup adopt(
      AwsTargetGroup found, AwsTargetGroup desired, P primary, Context<P> context) {
    return match(found, desired, primary, context).matched()
        ? found
        : update(found, desired, primary, context);
  }

  @Override
  public Result<AwsTargetGroup> match(
      AwsTargetGroup actual, AwsTargetGroup desired, P primary, Context<P> context) {
    var matched =
        actual.spec().healthCheck().equals(desired.spec().healthCheck())
            && Attributes.changed(desired.spec().attributes(), attributes(actual, desired.spec()))
                .isEmpty()
            && tagChanges(actual, desired).none();
    return Result.computed(matched, desired);
  }

  @Override
  public AwsTargetGroup update(
      AwsTargetGroup actual, AwsTargetGroup desired, P primary, Context<P> context) {
    var spec = desired.spec();
    var updated = actual;
    if (!actual.spec().healthCheck().equals(spec.healthCheck())) {
      var hc = spec.healthCheck();
      var modified =
          elbv2
              .modifyTargetGroup(
                  r ->
                      r.targetGroupArn(actual.arn())
                          .healthCheckProtocol(hc.protocol())
                          .healthCheckPort(hc.port())
                          .healthCheckPath(hc.path())
                          .healthCheckIntervalSeconds(hc.intervalSeconds())
                          .healthCheckTimeoutSeconds(hc.timeoutSeconds())
                          .healthyThresholdCount(hc.healthyThreshold())
                          .unhealthyThresholdCount(hc.unhealthyThreshold())
                          .matcher(matcher(hc)))
              .targetGroups()
              .get(0);
      updated =
          AwsTargetGroup.found(modified, actual.spec().tags(), resourceKey)
              .as(actual.spec().resourceId());
    }
    writeAttributes(actual.arn(), spec.attributes(), attributes(actual, spec));
    var changes = tagChanges(actual, desired);
    if (!changes.none()) {
      var tags = index.retag(actual.arn(), actual.spec().tags(), changes);
      updated = new AwsTargetGroup(updated.arn(), updated.spec().withTags(tags));
    }
    return updated;
  }

  private TagChanges tagChanges(AwsTargetGroup actual, AwsTargetGroup desired) {
    return TagChanges.between(actual.spec().tags(), desired.spec().tags(), externalManagedTags);
  }

  /**
   * A group no longer wanted while the stack lives goes once nothing uses it, as in the Go
   * controller: its binding goes first (its finalizer deregisters the targets and closes the
   * security group rules), and AWS refuses while a listener still uses it (the listener moves to
   * its successor later in the same reconciliation). Until then it is tried again shortly.
   */
  @Override
  public void deleteTargetResource(
      P primary, AwsTargetGroup found, String key, Context<P> context) {
    if (context
        .getSecondaryResourcesAsStream(TargetGroupBinding.class)
        .anyMatch(binding -> found.arn().equals(binding.getSpec().targetGroupARN()))) {
      LOG.debugf("target group %s is still bound; it goes once its binding is gone", found.arn());
      StackReconciliation.deferDeletion(context);
      return;
    }
    try {
      delete(primary, found);
    } catch (ResourceInUseException stillUsed) {
      LOG.debugf("target group %s is still in use; it goes once free", found.spec().name());
      StackReconciliation.deferDeletion(context);
    }
  }

  /**
   * Every group of the stack goes; one still held by a load balancer being deleted makes this fail
   * with {@link ResourceInUseException}, and the caller tries again.
   */
  @Override
  public void delete(P primary, Context<P> context) {
    for (var found : ofStack(context).toList()) {
      delete(primary, found);
    }
  }

  private void delete(P primary, AwsTargetGroup found) {
    LOG.infof("deleting target group %s", found.spec().name());
    try {
      elbv2.deleteTargetGroup(r -> r.targetGroupArn(found.arn()));
    } catch (TargetGroupNotFoundException alreadyGone) {
      LOG.debugf("target group %s was already gone", found.arn());
    }
    forgetDeleted(primary, found.arn());
  }

  private Map<String, String> attributes(AwsTargetGroup actual, TargetGroupSpec wanted) {
    return Attributes.currentIfWanted(
        wanted.attributes(),
        () ->
            Attributes.toMap(
                elbv2
                    .describeTargetGroupAttributes(r -> r.targetGroupArn(actual.arn()))
                    .attributes(),
                TargetGroupAttribute::key,
                TargetGroupAttribute::value));
  }

  private void writeAttributes(
      String arn, Map<String, String> wanted, Map<String, String> current) {
    Attributes.writeChanged(
        wanted,
        current,
        changed ->
            elbv2.modifyTargetGroupAttributes(
                r ->
                    r.targetGroupArn(arn)
                        .attributes(
                            changed.entrySet().stream()
                                .map(
                                    e ->
                                        TargetGroupAttribute.builder()
                                            .key(e.getKey())
                                            .value(e.getValue())
                                            .build())
                                .toList())));
  }

  private static Matcher matcher(HealthCheckSpec hc) {
    return hc.successCodes() == null ? null : Matcher.builder().httpCode(hc.successCodes()).build();
  }
}
