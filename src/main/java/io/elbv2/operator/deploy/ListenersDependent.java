package io.elbv2.operator.deploy;

import io.elbv2.operator.config.OperatorSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.AbstractDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.BulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.BulkUpdater;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * The listeners of the stack's load balancer, one per port, each forwarding to one of the stack's
 * target groups. They are read from AWS when the stack is reconciled (they hang off a load balancer
 * that the poll already watches) and go with the load balancer when the stack is deleted. Their
 * tags follow the stack's as {@link ListenerTagging} says, read once per listener.
 */
public abstract class ListenersDependent<P extends HasMetadata>
    extends AbstractDependentResource<AwsListener, P>
    implements BulkDependentResource<AwsListener, P, Integer>,
        Creator<AwsListener, P>,
        BulkUpdater<AwsListener, P>,
        Deleter<P> {

  private static final Logger LOG = Logger.getLogger(ListenersDependent.class);

  private final ElasticLoadBalancingV2Client elbv2;
  private final ListenerTagging tagging;
  private final ListenerCertificates certificates;

  protected ListenersDependent(ElasticLoadBalancingV2Client elbv2, OperatorSettings settings) {
    this.elbv2 = elbv2;
    this.tagging = ListenerTagging.of(settings);
    this.certificates = new ListenerCertificates(elbv2);
  }

  @Override
  public Class<AwsListener> resourceType() {
    return AwsListener.class;
  }

  @Override
  public Map<Integer, AwsListener> desiredResources(P primary, Context<P> context) {
    var targetGroupArns = StackReconciliation.targetGroupArns(context);
    var desired = new LinkedHashMap<Integer, AwsListener>();
    for (var spec : StackReconciliation.stack(context).listeners()) {
      desired.put(
          spec.port(),
          new AwsListener(
              null,
              spec.port(),
              spec.protocol(),
              spec.certificateArns(),
              spec.sslPolicy(),
              spec.alpnPolicy(),
              AwsActions.toAws(spec.defaultActions(), targetGroupArns),
              spec.tags()));
    }
    return desired;
  }

  @Override
  public Map<Integer, AwsListener> getSecondaryResources(P primary, Context<P> context) {
    var loadBalancerArn = StackReconciliation.loadBalancer(context).arn();
    var listed = new ArrayList<Listener>();
    // A load balancer made moments ago in this reconciliation has none to read.
    if (!StackReconciliation.isLoadBalancerNew(context)) {
      elbv2
          .describeListenersPaginator(r -> r.loadBalancerArn(loadBalancerArn))
          .listeners()
          .forEach(listed::add);
    }
    var known = StackReconciliation.knownListeners(context);
    var arns = listed.stream().map(Listener::listenerArn).toList();
    known.seen(loadBalancerArn, arns);
    var tags = tagging.enabled() ? known.tags(arns) : Map.<String, Map<String, String>>of();
    var found = new LinkedHashMap<Integer, AwsListener>();
    for (var listener : listed) {
      found.put(
          listener.port(),
          AwsListener.found(listener, tags.getOrDefault(listener.listenerArn(), Map.of())));
    }
    return found;
  }

  /** Reconciles the listeners, then notes their ARNs for the rules that hang off them. */
  @Override
  public ReconcileResult<AwsListener> reconcile(P primary, Context<P> context) {
    try (var turn = StackReconciliation.awsCallTurn(context)) {
      var result = super.reconcile(primary, context);
      var arns = new HashMap<Integer, String>();
      result.getResourceOperations().keySet().forEach(l -> arns.put(l.port(), l.arn()));
      StackReconciliation.listenersDeployed(context, arns);
      return result;
    }
  }

  @Override
  public AwsListener create(AwsListener desired, P primary, Context<P> context) {
    var loadBalancerArn = StackReconciliation.loadBalancer(context).arn();
    var tags = tagging.atCreation(desired.tags());
    var created =
        elbv2
            .createListener(
                r ->
                    r.loadBalancerArn(loadBalancerArn)
                        .port(desired.port())
                        .protocol(desired.protocol())
                        .certificates(defaultCertificate(desired))
                        .sslPolicy(desired.tls() ? desired.sslPolicy() : null)
                        .alpnPolicy(alpn(desired))
                        .defaultActions(desired.defaultActions())
                        .tags(tags.isEmpty() ? null : OwnedResourceIndex.tags(tags)))
            .listeners()
            .get(0);
    LOG.infof("created listener %s %d", desired.protocol(), desired.port());
    StackReconciliation.knownListeners(context).added(loadBalancerArn, created.listenerArn(), tags);
    certificates.apply(
        created.listenerArn(), ListenerCertificates.Changes.between(Set.of(), extras(desired)));
    return AwsListener.found(created, tags);
  }

  @Override
  public Result<AwsListener> match(
      AwsListener actual, AwsListener desired, P primary, Context<P> context) {
    var matched =
        actual.sameAs(desired)
            && tagging.changes(actual.tags(), desired.tags()).none()
            && certificateChanges(actual, desired).none();
    return Result.computed(matched, desired);
  }

  @Override
  public AwsListener update(
      AwsListener actual, AwsListener desired, P primary, Context<P> context) {
    var tags =
        StackReconciliation.knownListeners(context)
            .retag(actual.arn(), actual.tags(), tagging.changes(actual.tags(), desired.tags()));
    var updated = actual.withTags(tags);
    if (!actual.sameAs(desired)) {
      var modified =
          elbv2
              .modifyListener(
                  r ->
                      r.listenerArn(actual.arn())
                          .port(desired.port())
                          .protocol(desired.protocol())
                          .certificates(defaultCertificate(desired))
                          .sslPolicy(desired.tls() ? desired.sslPolicy() : null)
                          .alpnPolicy(alpn(desired))
                          .defaultActions(desired.defaultActions()))
              .listeners()
              .get(0);
      updated = AwsListener.found(modified, tags);
    }
    certificates.apply(actual.arn(), certificateChanges(actual, desired));
    return updated;
  }

  @Override
  public void deleteTargetResource(P primary, AwsListener found, Integer port, Context<P> context) {
    LOG.infof("deleting listener %s %d", found.protocol(), port);
    elbv2.deleteListener(r -> r.listenerArn(found.arn()));
    StackReconciliation.knownListeners(context)
        .removed(StackReconciliation.loadBalancer(context).arn(), found.arn());
  }

  /** Deleting the load balancer deletes its listeners. */
  @Override
  public void delete(P primary, Context<P> context) {}

  /**
   * Listeners are matched one by one in {@link #match(AwsListener, AwsListener, HasMetadata,
   * Context)}.
   */
  @Override
  public Result<AwsListener> match(AwsListener actual, P primary, Context<P> context) {
    throw new IllegalStateException("listeners are matched by port");
  }

  @Override
  protected Optional<AwsListener> selectTargetSecondaryResource(
      Set<AwsListener> secondaryResources, P primary, Context<P> context) {
    throw new IllegalStateException("listeners are selected by port");
  }

  @Override
  protected void onCreated(P primary, AwsListener created, Context<P> context) {}

  @Override
  protected void onUpdated(
      P primary, AwsListener updated, AwsListener actual, Context<P> context) {}

  /**
   * What makes a TLS listener's other certificates the wanted ones; AWS is asked only for listeners
   * that have or want certificates.
   */
  private ListenerCertificates.Changes certificateChanges(AwsListener actual, AwsListener desired) {
    if (!actual.tls() && !desired.tls()) {
      return ListenerCertificates.Changes.between(Set.of(), List.of());
    }
    var defaults = new HashSet<String>();
    defaults.add(actual.defaultCertificate());
    defaults.add(desired.defaultCertificate());
    return ListenerCertificates.Changes.between(
        certificates.extras(actual.arn(), defaults), extras(desired));
  }

  /** The wanted certificates besides the default; the default named again is not one of them. */
  private static List<String> extras(AwsListener desired) {
    var certificates = desired.certificateArns();
    return certificates.size() < 2
        ? List.of()
        : certificates.subList(1, certificates.size()).stream()
            .filter(c -> !c.equals(desired.defaultCertificate()))
            .distinct()
            .toList();
  }

  private static List<Certificate> defaultCertificate(AwsListener desired) {
    return desired.defaultCertificate() == null
        ? null
        : List.of(Certificate.builder().certificateArn(desired.defaultCertificate()).build());
  }

  private static List<String> alpn(AwsListener desired) {
    return desired.alpnPolicy() == null ? null : List.of(desired.alpnPolicy());
  }
}
