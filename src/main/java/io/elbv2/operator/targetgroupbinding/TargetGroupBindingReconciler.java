package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.IpAddressType;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.api.TargetGroupBindingStatus;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.kubernetes.CachedObjects;
import io.elbv2.operator.kubernetes.EventRecorder;
import io.elbv2.operator.kubernetes.FailureBackoff;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;

/**
 * Keeps a target group's targets equal to a Service's ready backends and opens the targets'
 * security groups, for each {@link TargetGroupBinding}. It reads Kubernetes from informer caches,
 * skips AWS entirely while the {@link Checkpoint} holds, and otherwise registers only what is
 * missing and deregisters only what is extra.
 */
@ControllerConfiguration(
    name = TargetGroupBindingReconciler.NAME,
    finalizerName = TargetGroupBinding.FINALIZER)
@RegisterForReflection(targets = {TargetGroupBindingSpec.class, TargetGroupBindingStatus.class})
public class TargetGroupBindingReconciler
    implements ConfigurableReconciler<TargetGroupBinding>, Cleaner<TargetGroupBinding> {

  public static final String NAME = "targetgroupbinding";
  static final String BY_SERVICE = "service";
  private static final Duration RETRY_PROBLEM_AFTER = Duration.ofMinutes(1);
  private static final int HTTP_CONFLICT = 409;
  private static final Logger LOG = Logger.getLogger(TargetGroupBindingReconciler.class);

  private final OperatorSettings settings;
  private final TargetGroupApi targetGroups;
  private final SecurityGroupRules securityGroups;
  private final MultiClusterTargets multiCluster;
  private final EventRecorder events;
  private final TargetGroupBindingMetrics metrics;
  private final GatedPods gatedPods;
  private final Map<String, TargetGroup> knownGroups =
      new java.util.concurrent.ConcurrentHashMap<>();

  private IndexerResourceCache<TargetGroupBinding> bindings;
  private InformerEventSource<EndpointSlice, TargetGroupBinding> slices;
  private InformerEventSource<Service, TargetGroupBinding> services;
  private InformerEventSource<Node, TargetGroupBinding> nodes;

  TargetGroupBindingReconciler(
      OperatorSettings settings,
      TargetGroupApi targetGroups,
      SecurityGroupRules securityGroups,
      MultiClusterTargets multiCluster,
      EventRecorder events,
      TargetGroupBindingMetrics metrics) {
    this.settings = settings;
    this.targetGroups = targetGroups;
    this.securityGroups = securityGroups;
    this.multiCluster = multiCluster;
    this.events = events;
    this.metrics = metrics;
    this.gatedPods = new GatedPods(metrics);
  }

  @Override
  public void updateConfigurationFrom(
      ControllerConfigurationOverrider<TargetGroupBinding> overrider) {
    overrider.withReconciliationMaxInterval(settings.targetGroupBindingResyncPeriod());
    // As the Go controller's: failures are tried again until they pass, waiting at most the cap.
    overrider.withRetry(
        FailureBackoff.retry(settings.targetGroupBindingMaxExponentialBackoffDelay()));
    overrider.withItemStore(CachedObjects.trimmed());
  }

  @Override
  public List<EventSource<?, TargetGroupBinding>> prepareEventSources(
      EventSourceContext<TargetGroupBinding> context) {
    bindings = context.getPrimaryCache();
    bindings.addIndexers(
        Map.of(
            BY_SERVICE,
            b ->
                hasServiceRef(b)
                    ? List.of(serviceKey(b.getMetadata().getNamespace(), serviceName(b)))
                    : List.of()));
    slices =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(EndpointSlice.class, TargetGroupBinding.class)
                .withItemStore(CachedObjects.trimmed())
                .withSecondaryToPrimaryMapper(
                    slice ->
                        bindingsOf(
                            slice.getMetadata().getNamespace(),
                            slice.getMetadata().getLabels() == null
                                ? null
                                : slice
                                    .getMetadata()
                                    .getLabels()
                                    .get("kubernetes.io/service-name")))
                .build(),
            context);
    services =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Service.class, TargetGroupBinding.class)
                .withItemStore(CachedObjects.trimmed())
                .withSecondaryToPrimaryMapper(
                    service ->
                        bindingsOf(
                            service.getMetadata().getNamespace(), service.getMetadata().getName()))
                .build(),
            context);
    nodes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Node.class, TargetGroupBinding.class)
                .withItemStore(CachedObjects.nodes())
                .withSecondaryToPrimaryMapper(
                    node ->
                        bindings
                            .list(
                                b ->
                                    b.getSpec() != null
                                        && b.getSpec().targetType() != TargetType.IP)
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    return List.of(slices, services, nodes, gatedPods.eventSource(context));
  }

  @Override
  public UpdateControl<TargetGroupBinding> reconcile(
      TargetGroupBinding binding, Context<TargetGroupBinding> context) {
    try {
      var served = serve(binding, context);
      var control =
          withStatus(
              served.binding(),
              BindingStatus.ready(served.binding(), served.targets() + " targets registered"));
      // A pod's gate turns True only when AWS reports its target healthy, which AWS does not
      // announce: look again until every gate is True.
      return served.gatesPending()
          ? control.rescheduleAfter(settings.readinessGateRecheckPeriod())
          : control;
    } catch (BindingProblem problem) {
      events.warning(binding, problem.reason(), problem.getMessage());
      return withStatus(
              binding, BindingStatus.notReady(binding, problem.reason(), problem.getMessage()))
          .rescheduleAfter(RETRY_PROBLEM_AFTER);
    }
  }

  private record Served(TargetGroupBinding binding, int targets, boolean gatesPending) {}

  private Served serve(TargetGroupBinding binding, Context<TargetGroupBinding> context) {
    if (!hasServiceRef(binding)) {
      throw new BindingProblem("InvalidSpec", "spec.serviceRef.name is required");
    }
    var spec = binding.getSpec();
    var service =
        services
            .get(new ResourceID(serviceName(binding), binding.getMetadata().getNamespace()))
            .orElse(null);
    if (service == null) {
      var problem = "Service " + serviceName(binding) + " does not exist in this namespace";
      releaseGates(binding, problem, context);
      throw new BindingProblem("ServiceNotFound", problem);
    }
    // With targetType and ipAddressType in the spec (the mutating webhook fills them), an unchanged
    // binding makes no AWS call at all; the target group is looked up only when AWS must change.
    var group =
        spec.targetType() == null || spec.ipAddressType() == null ? targetGroup(spec) : null;
    var targetType = group == null ? spec.targetType() : group.targetType();
    var ipv6 = group == null ? spec.ipAddressType() == IpAddressType.IPV6 : group.ipv6();
    var wanted = wantedTargets(binding, service, targetType, ipv6);
    var permissions =
        NetworkingRules.wanted(
            spec.networking(), wanted, targetPortName(service, spec, targetType));
    var gate = ReadinessGates.conditionType(binding.getMetadata().getName());
    var gated = targetType == TargetType.IP ? gatedPods.of(binding) : List.<Pod>of();
    var checkpoint = Checkpoint.of(spec, wanted);
    var now = Instant.now();
    var current =
        checkpoint.isCurrent(
            binding.getMetadata().getAnnotations(), now, settings.targetGroupBindingResyncPeriod());
    if (current && !ReadinessGates.awaitingHealth(gate, gated, wanted)) {
      if (hasNetworking(binding) && !securityGroups.knows(key(binding))) {
        // Served before a restart: its rules are in AWS, but which are its must be known again
        // before any rule another binding no longer wants may be revoked.
        securityGroups.remember(
            key(binding), rulesByGroup(targetType, wanted, permissions), knownBindings());
      }
      return new Served(binding, wanted.size(), false);
    }
    if (group == null) {
      group = targetGroup(spec);
    }
    Map<Target, TargetHealth> registered;
    try {
      registered = sync(binding, group, wanted, permissions);
    } catch (TargetGroupNotFoundException e) {
      knownGroups.remove(groupKey(spec));
      throw new BindingProblem(
          "TargetGroupNotFound", "target group " + group.arn() + " does not exist");
    }
    metrics.registeredTargets(binding, wanted.size());
    var gates = ReadinessGates.plan(gate, gated, wanted, registered, Instant.now());
    gatedPods.write(binding, gates.changes(), context);
    var served = current ? binding : writeCheckpoint(binding, checkpoint, now, context);
    return new Served(served, wanted.size(), gates.pending());
  }

  @Override
  public DeleteControl cleanup(TargetGroupBinding binding, Context<TargetGroupBinding> context) {
    var key = key(binding);
    if (binding.getSpec() == null) {
      // It never named a target group, so it registered nothing.
      releaseGates(binding, "TargetGroupBinding is deleted", context);
      return DeleteControl.defaultDelete();
    }
    TargetGroup group = null;
    try {
      group = targetGroup(binding.getSpec());
      var ours = owned(binding, targetGroups.registered(group.arn()).keySet());
      targetGroups.deregister(group.arn(), ours);
      if (!ours.isEmpty()) {
        events.normal(binding, "DeregisteredTargets", "deregistered " + ours.size() + " targets");
      }
    } catch (BindingProblem | TargetGroupNotFoundException gone) {
      // The target group is gone or never matched: there is nothing to deregister.
    }
    knownGroups.remove(groupKey(binding.getSpec()));
    var mayHold =
        hasNetworking(binding) && !securityGroups.knows(key)
            ? groupsItMayHold(binding, group)
            : Set.<String>of();
    securityGroups.forget(key, knownBindings(), mayHold);
    if (binding.getSpec().isMultiCluster()) {
      multiCluster.forget(binding);
    }
    metrics.forget(binding);
    releaseGates(binding, "TargetGroupBinding is deleted", context);
    return DeleteControl.defaultDelete();
  }

  /**
   * The gates of a binding that is deleted or lost its Service turn True, or its pods would never
   * be ready again.
   */
  private void releaseGates(
      TargetGroupBinding binding, String message, Context<TargetGroupBinding> context) {
    var gate = ReadinessGates.conditionType(binding.getMetadata().getName());
    gatedPods.write(
        binding,
        ReadinessGates.release(gate, gatedPods.of(binding), message, Instant.now()),
        context);
  }

  /**
   * Brings AWS to the wanted targets and security group rules.
   *
   * @return the targets registered before, with their health
   */
  private Map<Target, TargetHealth> sync(
      TargetGroupBinding binding,
      TargetGroup group,
      Set<Target> wanted,
      Set<Permission> permissions) {
    var registered = targetGroups.registered(group.arn());
    var missing = new TreeSet<>(wanted);
    missing.removeAll(registered.keySet());
    var extra = owned(binding, registered.keySet());
    extra.removeAll(wanted);
    if (binding.getSpec().isMultiCluster()) {
      // Track before registering, so that a crash in between never leaves targets nobody owns.
      var tracked = new TreeSet<>(wanted);
      tracked.addAll(extra);
      multiCluster.track(binding, tracked);
    }
    targetGroups.register(group.arn(), missing);
    targetGroups.deregister(group.arn(), extra);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      events.normal(
          binding,
          "SuccessfullyReconciled",
          "registered "
              + missing.size()
              + " and deregistered "
              + extra.size()
              + " targets; "
              + wanted.size()
              + " in total");
    }
    if (binding.getSpec().isMultiCluster()) {
      multiCluster.track(binding, wanted);
    }
    openSecurityGroups(binding, group, wanted, permissions);
    return registered;
  }

  /**
   * The registered targets this binding may remove: all of them, or in multi-cluster mode those it
   * tracked.
   */
  private TreeSet<Target> owned(TargetGroupBinding binding, Set<Target> registered) {
    if (!binding.getSpec().isMultiCluster()) {
      return new TreeSet<>(registered);
    }
    var tracked = multiCluster.tracked(binding).orElse(Set.of());
    return registered.stream()
        .filter(t -> tracked.contains(t.identifier()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The name of the pods' port the targets are on, when the Service names it. */
  private static Optional<String> targetPortName(
      Service service, TargetGroupBindingSpec spec, TargetType targetType) {
    if (targetType != TargetType.IP) {
      return Optional.empty();
    }
    return Optional.ofNullable(Backends.servicePort(service, spec.serviceRef()).getTargetPort())
        .map(IntOrString::getStrVal);
  }

  private void openSecurityGroups(
      TargetGroupBinding binding,
      TargetGroup group,
      Set<Target> wanted,
      Set<Permission> permissions) {
    var key = key(binding);
    if (!hasNetworking(binding)) {
      securityGroups.forget(key, knownBindings());
      return;
    }
    securityGroups.apply(
        key, rulesByGroup(group.targetType(), wanted, permissions), knownBindings());
  }

  /** The rules each of the targets' security groups needs. */
  private Map<String, Set<Permission>> rulesByGroup(
      TargetType targetType, Set<Target> wanted, Set<Permission> permissions) {
    var instances = new TreeSet<String>();
    for (var target : wanted) {
      if (targetType == TargetType.INSTANCE) {
        instances.add(target.id());
      } else if (target.node() != null) {
        nodes
            .get(new ResourceID(target.node()))
            .flatMap(Backends::instanceId)
            .ifPresent(instances::add);
      }
    }
    var wantedByGroup = new HashMap<String, Set<Permission>>();
    if (!instances.isEmpty()) {
      for (var securityGroup : securityGroups.securityGroupsOf(instances)) {
        wantedByGroup.put(securityGroup, permissions);
      }
    }
    return wantedByGroup;
  }

  /**
   * The groups a binding's rules are on, for one not served since start-up and now deleted: worked
   * out as serving it would, from what is left of its Service, or none when that fails.
   */
  private Set<String> groupsItMayHold(TargetGroupBinding binding, TargetGroup group) {
    if (group == null || !hasServiceRef(binding)) {
      return Set.of();
    }
    try {
      var spec = binding.getSpec();
      var service =
          services
              .get(new ResourceID(serviceName(binding), binding.getMetadata().getNamespace()))
              .orElse(null);
      if (service == null) {
        return Set.of();
      }
      var wanted = wantedTargets(binding, service, group.targetType(), group.ipv6());
      var permissions =
          NetworkingRules.wanted(
              spec.networking(), wanted, targetPortName(service, spec, group.targetType()));
      return rulesByGroup(group.targetType(), wanted, permissions).keySet();
    } catch (BindingProblem | KubernetesClientException e) {
      LOG.debugf("binding %s: its security groups are unknown: %s", key(binding), e.getMessage());
      return Set.of();
    }
  }

  private static boolean hasNetworking(TargetGroupBinding binding) {
    var networking = binding.getSpec().networking();
    return networking != null && networking.ingress() != null && !networking.ingress().isEmpty();
  }

  private Set<Target> wantedTargets(
      TargetGroupBinding binding, Service service, TargetType targetType, boolean ipv6) {
    var spec = binding.getSpec();
    var port = Backends.servicePort(service, spec.serviceRef());
    if (targetType == TargetType.INSTANCE) {
      return Backends.instanceTargets(service, port, nodes.list().toList(), spec.nodeSelector());
    }
    var namespace = binding.getMetadata().getNamespace();
    var serviceSlices =
        slices
            .list(
                namespace,
                s ->
                    s.getMetadata().getLabels() != null
                        && serviceName(binding)
                            .equals(s.getMetadata().getLabels().get("kubernetes.io/service-name")))
            .toList();
    return Backends.ipTargets(
        port,
        serviceSlices,
        ipv6,
        pod ->
            gatedPods
                .get(namespace, pod)
                .filter(p -> ReadinessGates.readyButForGates(p, this::nodeReady))
                .isPresent());
  }

  private boolean nodeReady(String node) {
    return nodes
        .get(new ResourceID(node))
        .map(
            n ->
                n.getStatus() != null
                    && n.getStatus().getConditions() != null
                    && n.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .orElse(false);
  }

  private TargetGroup targetGroup(TargetGroupBindingSpec spec) {
    var group = knownGroups.computeIfAbsent(groupKey(spec), k -> targetGroups.find(spec));
    if (spec.targetType() != null && spec.targetType() != group.targetType()) {
      throw new BindingProblem(
          "TargetTypeMismatch",
          "spec.targetType is "
              + spec.targetType().name().toLowerCase()
              + " but target group "
              + group.name()
              + " has target type "
              + group.targetType().name().toLowerCase());
    }
    return group;
  }

  /** Target groups are looked up once: their ARN, type, protocol and VPC never change. */
  private static String groupKey(TargetGroupBindingSpec spec) {
    return spec.targetGroupARN() != null ? spec.targetGroupARN() : "name/" + spec.targetGroupName();
  }

  /**
   * Records the inputs the targets now match. When the binding changed since it was read (a user
   * edit, its deletion), no checkpoint is written: that change brings another reconciliation, which
   * finds AWS in step and writes it.
   */
  private TargetGroupBinding writeCheckpoint(
      TargetGroupBinding binding,
      Checkpoint checkpoint,
      Instant now,
      Context<TargetGroupBinding> context) {
    try {
      return context
          .resourceOperations()
          .jsonPatchPrimary(
              binding,
              b -> {
                var annotations = new HashMap<String, String>();
                if (b.getMetadata().getAnnotations() != null) {
                  annotations.putAll(b.getMetadata().getAnnotations());
                }
                annotations.put(Checkpoint.ANNOTATION, checkpoint.digest());
                annotations.put(
                    Checkpoint.TIMESTAMP_ANNOTATION, Long.toString(now.getEpochSecond()));
                b.getMetadata().setAnnotations(annotations);
                return b;
              });
    } catch (KubernetesClientException e) {
      if (e.getCode() != HTTP_CONFLICT) {
        throw e;
      }
      LOG.debugf(
          "binding %s changed while it was served; checkpoint left for the next pass",
          ResourceID.fromResource(binding));
      return binding;
    }
  }

  private static UpdateControl<TargetGroupBinding> withStatus(
      TargetGroupBinding binding, TargetGroupBindingStatus status) {
    if (!BindingStatus.changes(binding, status)) {
      return UpdateControl.noUpdate();
    }
    binding.setStatus(status);
    return UpdateControl.patchStatus(binding);
  }

  private Set<ResourceID> bindingsOf(String namespace, String service) {
    if (service == null) {
      return Set.of();
    }
    return bindings.byIndex(BY_SERVICE, serviceKey(namespace, service)).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /**
   * The bindings as the cache has them. Those whose rules must be known before any rule is revoked
   * leave out one being deleted, since it needs none, or two bindings deleted together would each
   * keep the other's rules; whether a binding exists at all is read from the cache when asked.
   */
  private SecurityGroupRules.Bindings knownBindings() {
    var withNetworking =
        bindings
            .list(
                b ->
                    b.getMetadata().getDeletionTimestamp() == null
                        && b.getSpec() != null
                        && hasNetworking(b))
            .map(TargetGroupBindingReconciler::key)
            .collect(Collectors.toSet());
    return new SecurityGroupRules.Bindings(
        withNetworking, key -> bindings.get(resourceIdOf(key)).isPresent());
  }

  /** A binding written without the schema's required fields (an older CRD) is never indexed. */
  private static boolean hasServiceRef(TargetGroupBinding binding) {
    return binding.getSpec() != null
        && binding.getSpec().serviceRef() != null
        && binding.getSpec().serviceRef().name() != null;
  }

  private static String serviceName(TargetGroupBinding binding) {
    return binding.getSpec().serviceRef().name();
  }

  private static String serviceKey(String namespace, String service) {
    return namespace + "/" + service;
  }

  static String key(TargetGroupBinding binding) {
    return binding.getMetadata().getNamespace() + "/" + binding.getMetadata().getName();
  }

  /** The binding a {@link #key} names. */
  private static ResourceID resourceIdOf(String key) {
    var slash = key.indexOf('/');
    return new ResourceID(key.substring(slash + 1), key.substring(0, slash));
  }
}
