package io.elbv2.operator.ingress;

import io.elbv2.operator.aws.AwsCallOrder;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.deploy.BindingsGone;
import io.elbv2.operator.deploy.CleanupWaits;
import io.elbv2.operator.deploy.StackDeployer;
import io.elbv2.operator.kubernetes.CachedObjects;
import io.elbv2.operator.kubernetes.EventRecorder;
import io.elbv2.operator.kubernetes.FailureBackoff;
import io.elbv2.operator.kubernetes.ReconcileSlots;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Gives each IngressGroup of the {@code alb} class an Application Load Balancer. Every change to a
 * member reaches the group's leader (see {@link IngressGroups}), which builds the group's model and
 * deploys it through the dependents below, one deploy per group at a time; then each member gets
 * the load balancer's hostname and a {@code SuccessfullyReconciled} event. The group finalizers are
 * the Go controller's ({@link GroupFinalizers}) and are put on and taken off here, so an Ingress
 * leaving a group (deleted, moved, or of another class now) keeps its finalizer until its rules and
 * target groups are gone. Besides, the framework keeps its own finalizer {@value #FINALIZER} on the
 * Ingresses it looks at, so that one being deleted reaches {@link #cleanup}.
 */
@ControllerConfiguration(
    name = IngressReconciler.NAME,
    finalizerName = IngressReconciler.FINALIZER,
    generationAwareEventProcessing = false)
@Workflow(
    explicitInvocation = true,
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(name = IngressReconciler.SECURITY_GROUPS, type = IngressSecurityGroups.class),
      @Dependent(name = IngressReconciler.TARGET_GROUPS, type = IngressTargetGroups.class),
      @Dependent(
          name = IngressReconciler.LOAD_BALANCER,
          type = IngressLoadBalancer.class,
          dependsOn = IngressReconciler.SECURITY_GROUPS),
      @Dependent(
          name = IngressReconciler.LISTENERS,
          type = IngressListeners.class,
          dependsOn = {IngressReconciler.LOAD_BALANCER, IngressReconciler.TARGET_GROUPS}),
      @Dependent(
          name = IngressReconciler.RULES,
          type = IngressListenerRules.class,
          dependsOn = IngressReconciler.LISTENERS),
      @Dependent(
          name = "ingress-bindings",
          type = IngressBindings.class,
          dependsOn = {IngressReconciler.RULES, IngressReconciler.SECURITY_GROUPS},
          deletePostcondition = BindingsGone.class)
    })
public class IngressReconciler implements ConfigurableReconciler<Ingress>, Cleaner<Ingress> {

  public static final String NAME = "ingress";

  /**
   * The framework's own finalizer, which lets an Ingress being deleted reach {@link #cleanup}; it
   * goes last, once the Ingress holds no group finalizer.
   */
  static final String FINALIZER = "elbv2.k8s.aws/ingress";

  static final String SECURITY_GROUPS = "ingress-security-groups";
  static final String TARGET_GROUPS = "ingress-target-groups";
  static final String LOAD_BALANCER = "ingress-load-balancer";
  static final String LISTENERS = "ingress-listeners";
  static final String RULES = "ingress-rules";

  private final ReconcileSlots slots;
  private final IngressGroups groups;
  private final GroupDeployment deployment;
  private final IngressEdits edits;
  private final KubernetesClient client;
  private final GroupTrigger trigger = new GroupTrigger();
  private final Map<String, Object> groupLocks = new ConcurrentHashMap<>();
  private final Duration backoffCap;
  private final CleanupWaits waits;

  IngressReconciler(
      IngressGroups groups,
      AlbContexts contexts,
      EventRecorder events,
      StackDeployer deployer,
      KubernetesClient client,
      OperatorSettings settings,
      AwsCallOrder callOrder,
      CleanupWaits waits) {
    this.slots = new ReconcileSlots(settings.ingressMaxConcurrentCreations());
    this.backoffCap = settings.ingressMaxExponentialBackoffDelay();
    this.waits = waits;
    this.groups = groups;
    this.edits = new IngressEdits(client);
    this.client = client;
    this.deployment =
        new GroupDeployment(
            groups, contexts, events, deployer, edits, callOrder, waits, backoffCap);
  }

  @Override
  public void updateConfigurationFrom(ControllerConfigurationOverrider<Ingress> overrider) {
    overrider.withItemStore(CachedObjects.trimmed());
    overrider.withGenericFilter(
        ingress ->
            groups.concerns(ingress)
                || !GroupFinalizers.heldBy(ingress).isEmpty()
                || ingress.hasFinalizer(FINALIZER));
    // Failures are tried again until they pass, and no Ingress waits longer than the cap.
    overrider.withRetry(FailureBackoff.retry(backoffCap));
    overrider.withReconciliationMaxInterval(backoffCap);
  }

  @Override
  public List<EventSource<?, Ingress>> prepareEventSources(EventSourceContext<Ingress> context) {
    var classes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(IngressClass.class, Ingress.class)
                .withName("ingress-classes")
                .withItemStore(CachedObjects.trimmed())
                .withSecondaryToPrimaryMapper(
                    ingressClass ->
                        context
                            .getPrimaryCache()
                            .list(ingress -> namesOrDefaultsTo(ingress, ingressClass))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    var services =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Service.class, Ingress.class)
                .withName("ingress-services")
                .withItemStore(CachedObjects.trimmed())
                .withSecondaryToPrimaryMapper(
                    service ->
                        context
                            .getPrimaryCache()
                            .list(
                                service.getMetadata().getNamespace(),
                                ingress ->
                                    IngressBackends.names(ingress)
                                        .contains(service.getMetadata().getName()))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    var classLookup = new IngressClassLookup(classes, client);
    groups.watch(context.getPrimaryCache(), classLookup::get, classLookup::all);
    deployment.servicesFrom(
        key -> {
          var slash = key.indexOf('/');
          return services.get(new ResourceID(key.substring(slash + 1), key.substring(0, slash)));
        });
    return List.of(classes, services, trigger);
  }

  /** Whether the Ingress names the class, or has no class and the class is marked the default. */
  private static boolean namesOrDefaultsTo(Ingress ingress, IngressClass ingressClass) {
    var named = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
    return named == null
        ? IngressClassification.defaultClass(List.of(ingressClass)).isPresent()
        : named.equals(ingressClass.getMetadata().getName());
  }

  @Override
  public UpdateControl<Ingress> reconcile(Ingress ingress, Context<Ingress> context) {
    // One without its load balancer yet takes a turn among the slots; one served already does not.
    return IngressEdits.hostnameOf(ingress) != null
        ? serve(ingress, context)
        : slots.run(() -> serve(ingress, context));
  }

  private UpdateControl<Ingress> serve(Ingress ingress, Context<Ingress> context) {
    var again = reconcileGroupsOf(ingress, context);
    if (groups.concerns(ingress)) {
      deployment.checkGroupName(ingress);
    } else if (GroupFinalizers.heldBy(ingress).isEmpty()) {
      // Of another class now, and out of its group: nothing of this operator stays on it.
      edits.removeFinalizer(ingress, FINALIZER);
    }
    return again
        .map(delay -> UpdateControl.<Ingress>noUpdate().rescheduleAfter(delay))
        .orElseGet(UpdateControl::noUpdate);
  }

  /** An Ingress being deleted goes once its group is deployed without it. */
  @Override
  public DeleteControl cleanup(Ingress ingress, Context<Ingress> context) {
    if (GroupFinalizers.heldBy(ingress).isEmpty()) {
      // Never served, or let go already; if it led a group, the next member takes over.
      for (var groupId : groups.groupsOf(ingress)) {
        groups.leaderOf(groupId).ifPresent(trigger::reconcile);
      }
      waits.done(ingress);
      return DeleteControl.defaultDelete();
    }
    var again = reconcileGroupsOf(ingress, context);
    // Its group finalizer is removed by the group's leader; that change brings it back here. Until
    // then it looks again, and asks the leader to, less and less often: the group's own waits when
    // it leads the group, its own otherwise.
    return DeleteControl.noFinalizerRemoval()
        .rescheduleAfter(again.orElseGet(() -> waits.waiting(ingress, backoffCap).delay()));
  }

  /**
   * Deploys each group the Ingress is in, was in or asks to be in, if it leads it, or asks the
   * leader to.
   *
   * @return when the Ingress must come back because something could not go yet: the soonest of the
   *     groups it leads
   */
  private Optional<Duration> reconcileGroupsOf(Ingress ingress, Context<Ingress> context) {
    var self = ResourceID.fromResource(ingress);
    Optional<Duration> again = Optional.empty();
    for (var groupId : groups.groupsOf(ingress)) {
      var leader = groups.leaderOf(groupId);
      if (leader.isEmpty()) {
        continue;
      }
      if (!leader.get().equals(self)) {
        trigger.reconcile(leader.get());
        continue;
      }
      Optional<Duration> group;
      synchronized (groupLocks.computeIfAbsent(groupId, id -> new Object())) {
        group = deployment.reconcile(groupId, context);
      }
      if (group.isPresent() && (again.isEmpty() || group.get().compareTo(again.get()) < 0)) {
        again = group;
      }
    }
    return again;
  }
}
