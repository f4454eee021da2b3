package io.elbv2.operator.deploy;

import io.elbv2.operator.aws.AwsCallOrder;
import io.elbv2.operator.model.Stack;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;
import java.util.Optional;

/**
 * What one reconciliation of a stack hands from step to step: the reconciler puts the stack it
 * built, the target group and load balancer dependents put what they found or made, and the
 * listener dependent and the reconciler read them.
 */
public final class StackReconciliation {

  private static final String TARGET_GROUP_ARNS = "targetGroupArns";
  private static final String BACKEND_SECURITY_GROUP = "backendSecurityGroup";
  private static final String SECURITY_GROUP_IDS = "securityGroupIds";
  private static final String DEFERRED_DELETION = "deferredDeletion";
  private static final String UNSEEN_TARGET_GROUPS = "unseenTargetGroups";
  private static final String LISTENER_ARNS = "listenerArns";
  private static final String STACK_ID = "stackId";
  private static final String AWS_CALL_TURN = "awsCallTurn";
  private static final String LOAD_BALANCER_CREATED = "loadBalancerCreated";

  private StackReconciliation() {}

  /**
   * @param backendSecurityGroupId the cluster's backend group, when the stack uses it
   * @param order the order the dependents' AWS calls take, as work that began at {@code beganNanos}
   */
  public static void start(
      Context<?> context,
      Stack stack,
      Optional<String> backendSecurityGroupId,
      AwsCallOrder order,
      long beganNanos) {
    context.managedWorkflowAndDependentResourceContext().put(Stack.class, stack);
    context
        .managedWorkflowAndDependentResourceContext()
        .put(AWS_CALL_TURN, new CallTurn(order, beganNanos));
    context.managedWorkflowAndDependentResourceContext().put(STACK_ID, stack.id());
    backendSecurityGroupId.ifPresent(
        id -> context.managedWorkflowAndDependentResourceContext().put(BACKEND_SECURITY_GROUP, id));
  }

  /**
   * Before the workflow's cleanup of a stack that is not one per primary (an IngressGroup's): the
   * dependents find its Kubernetes objects by the stack's id.
   */
  public static void startCleanup(Context<?> context, String stackId) {
    context.managedWorkflowAndDependentResourceContext().put(STACK_ID, stackId);
  }

  /**
   * Until closed, the calling thread's AWS calls take this reconciliation's place in the order: a
   * dependent runs on a thread of its own.
   */
  static AwsCallOrder.Turn awsCallTurn(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(AWS_CALL_TURN, CallTurn.class)
        .map(turn -> turn.order().enter(turn.beganNanos()))
        .orElse(() -> {});
  }

  /** When this reconciliation began ({@link System#nanoTime()}), or now outside one. */
  static long began(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(AWS_CALL_TURN, CallTurn.class)
        .map(CallTurn::beganNanos)
        .orElseGet(System::nanoTime);
  }

  private record CallTurn(AwsCallOrder order, long beganNanos) {}

  /** The id of the stack being reconciled or cleaned up, when the reconciler said it. */
  static Optional<String> stackId(Context<?> context) {
    return context.managedWorkflowAndDependentResourceContext().get(STACK_ID, String.class);
  }

  static Optional<String> backendSecurityGroupId(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(BACKEND_SECURITY_GROUP, String.class);
  }

  static Stack stack(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(Stack.class, Stack.class);
  }

  /** The load balancer dependent made a new load balancer, which has no listeners yet. */
  static void loadBalancerCreated(Context<?> context) {
    context.managedWorkflowAndDependentResourceContext().put(LOAD_BALANCER_CREATED, Boolean.TRUE);
  }

  static boolean isLoadBalancerNew(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(LOAD_BALANCER_CREATED, Boolean.class)
        .orElse(false);
  }

  /**
   * @param listeners where the listener dependent notes the listeners the load balancer has
   */
  static void loadBalancerDeployed(
      Context<?> context, AwsLoadBalancer loadBalancer, KnownListeners listeners) {
    context.managedWorkflowAndDependentResourceContext().put(AwsLoadBalancer.class, loadBalancer);
    context.managedWorkflowAndDependentResourceContext().put(KnownListeners.class, listeners);
  }

  static KnownListeners knownListeners(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(KnownListeners.class, KnownListeners.class);
  }

  /** The stack's load balancer after the workflow ran. */
  public static AwsLoadBalancer loadBalancer(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(AwsLoadBalancer.class, AwsLoadBalancer.class);
  }

  static void targetGroupsDeployed(Context<?> context, Map<String, String> arnByResourceId) {
    context
        .managedWorkflowAndDependentResourceContext()
        .put(TARGET_GROUP_ARNS, Map.copyOf(arnByResourceId));
  }

  /** The ARN of each target group of the stack, by its resource id. */
  @SuppressWarnings("unchecked")
  static Map<String, String> targetGroupArns(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(TARGET_GROUP_ARNS, Map.class);
  }

  static void listenersDeployed(Context<?> context, Map<Integer, String> arnByPort) {
    context.managedWorkflowAndDependentResourceContext().put(LISTENER_ARNS, Map.copyOf(arnByPort));
  }

  /** The ARN of each listener of the stack's load balancer, by its port. */
  @SuppressWarnings("unchecked")
  static Map<Integer, String> listenerArns(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(LISTENER_ARNS, Map.class);
  }

  static void unseenTargetGroupsListed(Context<?> context, Map<String, AwsTargetGroup> byKey) {
    context.managedWorkflowAndDependentResourceContext().put(UNSEEN_TARGET_GROUPS, byKey);
  }

  /** The stack's target groups in AWS by key, if this reconciliation has listed them already. */
  @SuppressWarnings("unchecked")
  static Optional<Map<String, AwsTargetGroup>> unseenTargetGroups(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(UNSEEN_TARGET_GROUPS, Map.class)
        .map(m -> (Map<String, AwsTargetGroup>) m);
  }

  static void securityGroupsDeployed(Context<?> context, Map<String, String> idByResourceId) {
    context
        .managedWorkflowAndDependentResourceContext()
        .put(SECURITY_GROUP_IDS, Map.copyOf(idByResourceId));
  }

  /** The id of each security group the stack manages, by its resource id. */
  @SuppressWarnings("unchecked")
  static Map<String, String> securityGroupIds(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(SECURITY_GROUP_IDS, Map.class);
  }

  /**
   * Something the stack no longer wants could not go yet (a target group still used by a listener,
   * a security group still held by the load balancer): the reconciler comes back shortly.
   */
  static void deferDeletion(Context<?> context) {
    context.managedWorkflowAndDependentResourceContext().put(DEFERRED_DELETION, Boolean.TRUE);
  }

  public static boolean deletionDeferred(Context<?> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(DEFERRED_DELETION, Boolean.class)
        .orElse(false);
  }
}
