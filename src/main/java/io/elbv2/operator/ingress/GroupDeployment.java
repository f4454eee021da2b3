package io.elbv2.operator.ingress;

import io.elbv2.operator.aws.AwsCallOrder;
import io.elbv2.operator.deploy.CleanupWaits;
import io.elbv2.operator.deploy.StackDeployer;
import io.elbv2.operator.deploy.StackReconciliation;
import io.elbv2.operator.kubernetes.EventRecorder;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.ModelBuildException;
import io.elbv2.operator.model.Stack;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One reconciliation of an IngressGroup, run by its leader: the members' model deployed and their
 * status and events written, or, once no member is left, everything made for the group removed. The
 * Ingresses leaving the group lose its finalizer only once the group is deployed without them and
 * their target groups and bindings are gone. While AWS refuses to delete something still in use,
 * the group is looked at again less and less often, and its leaving members are told what blocks it
 * once that has lasted a minute.
 */
final class GroupDeployment {

  private static final Logger LOG = Logger.getLogger(GroupDeployment.class);

  private final IngressGroups groups;
  private final AlbContexts contexts;
  private final EventRecorder events;
  private final StackDeployer deployer;
  private final IngressEdits edits;
  private final AwsCallOrder callOrder;
  private final CleanupWaits waits;
  private final Duration backoffCap;
  private volatile Function<String, Optional<Service>> services = key -> Optional.empty();

  GroupDeployment(
      IngressGroups groups,
      AlbContexts contexts,
      EventRecorder events,
      StackDeployer deployer,
      IngressEdits edits,
      AwsCallOrder callOrder,
      CleanupWaits waits,
      Duration backoffCap) {
    this.callOrder = callOrder;
    this.waits = waits;
    this.backoffCap = backoffCap;
    this.groups = groups;
    this.contexts = contexts;
    this.events = events;
    this.deployer = deployer;
    this.edits = edits;
  }

  /**
   * Where the model reads Services, by {@code <namespace>/<name>}; set when the controller starts.
   */
  void servicesFrom(Function<String, Optional<Service>> services) {
    this.services = services;
  }

  /**
   * @return when the leader must come back because something could not go yet; empty once the group
   *     is done
   * @throws ModelBuildException when the model builder failed on a member for another reason than a
   *     bad value, once the rest of the group is deployed: the framework tries the group again
   */
  Optional<Duration> reconcile(String groupId, Context<Ingress> context) {
    var members = groups.members(groupId);
    var leaving = groups.leaving(groupId);
    if (members.isEmpty()) {
      return release(groupId, leaving, context);
    }
    GroupModel model;
    try {
      model = GroupModel.build(groupId, members, services, contexts.context(), this::servedBefore);
    } catch (InvalidAnnotationException e) {
      // The group stays as it is until its members are fixed.
      members.forEach(m -> failedBuild(m, e));
      return Optional.empty();
    } catch (RuntimeException e) {
      // Not a bad value, so it may pass: the group stays as it is and is tried again.
      members.forEach(m -> failedBuild(m, e));
      throw e;
    }
    model.refused().forEach(this::failedBuild);
    Optional<Duration> done;
    if (model.stack().isEmpty()) {
      done = release(groupId, leaving, context);
    } else {
      var served = new ArrayList<>(members);
      served.removeAll(model.refused().keySet());
      done = deploy(groupId, model.stack().get(), served, leaving, context);
    }
    var retry = model.retry();
    if (retry.isPresent()) {
      throw retry.get();
    }
    return done;
  }

  /** Warns about an Ingress whose group name cannot be used: it is in no group until fixed. */
  void checkGroupName(Ingress ingress) {
    try {
      IngressGroup.idOf(ingress);
    } catch (InvalidAnnotationException e) {
      failedBuild(ingress, e);
    }
  }

  private Optional<Duration> deploy(
      String groupId,
      Stack stack,
      List<Ingress> served,
      List<Ingress> leaving,
      Context<Ingress> context) {
    var finalizer = GroupFinalizers.of(stack.id());
    served.forEach(m -> edits.addFinalizer(m, finalizer));
    StackDeployer.Deployed deployed;
    var began = System.nanoTime();
    try (var turn = callOrder.enter(began)) {
      deployed = deployer.deploy(context, stack, began, subject(groupId, served));
    }
    for (var member : served) {
      edits.setHostname(member, deployed.dnsName());
      events.normal(member, "SuccessfullyReconciled", "Successfully reconciled");
    }
    if (deployed.lookAgain().isPresent()) {
      // Some of what was made for the leaving members is still there. They keep the finalizer, so
      // the leader stays the same: a new leader would not see those objects before the next poll.
      return deployed.lookAgain();
    }
    leaving.forEach(m -> letGo(m, finalizer));
    return Optional.empty();
  }

  /** Removes the group's load balancer and everything made for it, then lets its Ingresses go. */
  private Optional<Duration> release(
      String groupId, List<Ingress> leaving, Context<Ingress> context) {
    if (leaving.isEmpty()) {
      // Nothing is made for a group before its members hold its finalizer.
      waits.done(waitKey(groupId));
      return Optional.empty();
    }
    StackReconciliation.startCleanup(context, groupId);
    var again =
        deployer.release(
            context, () -> groups.anyServedBesides(groupId), subject(groupId, leaving));
    if (again.isPresent()) {
      return again;
    }
    LOG.infof("released the load balancer of group %s", groupId);
    var finalizer = GroupFinalizers.of(groupId);
    leaving.forEach(m -> letGo(m, finalizer));
    return Optional.empty();
  }

  /** The group, whose deploys and cleanups warn the members concerned. */
  private StackDeployer.Subject subject(String groupId, List<Ingress> concerned) {
    return new StackDeployer.Subject(
        waitKey(groupId),
        backoffCap,
        (reason, message) -> concerned.forEach(m -> warn(m, reason, message)));
  }

  private static String waitKey(String groupId) {
    return "IngressGroup/" + groupId;
  }

  private void letGo(Ingress ingress, String finalizer) {
    if (ingress.getMetadata().getDeletionTimestamp() == null) {
      if (IngressEdits.hostnameOf(ingress) != null) {
        events.normal(ingress, "Released", "this Ingress is no longer served by the load balancer");
      }
      edits.setHostname(ingress, null);
    }
    edits.removeFinalizer(ingress, finalizer);
  }

  /** Whether the load balancer served the Ingress before: it holds a finalizer or a hostname. */
  private boolean servedBefore(Ingress ingress) {
    return !GroupFinalizers.heldBy(ingress).isEmpty() || IngressEdits.hostnameOf(ingress) != null;
  }

  private void failedBuild(Ingress ingress, RuntimeException e) {
    warn(
        ingress,
        "FailedBuildModel",
        "Failed build model due to " + ModelBuildException.describe(e));
  }

  private void warn(Ingress ingress, String reason, String message) {
    events.warning(ingress, reason, message);
  }
}
