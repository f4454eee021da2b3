package io.elbv2.operator.aws;

import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes each call of one AWS client wait for its turn at the client's {@link CallGate}, in the
 * {@link AwsCallOrder}, before the SDK starts it (so the wait counts in neither its timeouts nor
 * its retries) and until it is done, retries included. A call with a deadline of its own ({@link
 * DeadlineCalls}) does not wait.
 */
final class OrderedCalls implements ExecutionInterceptor {

  private static final ExecutionAttribute<Boolean> ADMITTED =
      new ExecutionAttribute<>("elbv2.admitted");

  private static final Logger LOG = Logger.getLogger(OrderedCalls.class);

  private final AwsCallOrder order;
  private final CallGate gate;

  OrderedCalls(AwsCallOrder order, CallGate gate) {
    this.order = order;
    this.gate = gate;
  }

  @Override
  public void beforeExecution(
      Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
    if (Boolean.TRUE.equals(executionAttributes.getAttribute(DeadlineCalls.UNQUEUED))) {
      return;
    }
    long arrived = System.nanoTime();
    try {
      gate.enter(order.ofCurrentCall());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AbortedException.create("interrupted while waiting for its turn to call AWS", e);
    }
    executionAttributes.putAttribute(ADMITTED, Boolean.TRUE);
    var waited = (System.nanoTime() - arrived) / 1_000_000;
    if (waited > 0) {
      LOG.debugf(
          "%s waited %d ms for its turn",
          executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), waited);
    }
  }

  @Override
  public void afterExecution(
      Context.AfterExecution context, ExecutionAttributes executionAttributes) {
    leave(executionAttributes);
  }

  @Override
  public void onExecutionFailure(
      Context.FailedExecution context, ExecutionAttributes executionAttributes) {
    leave(executionAttributes);
  }

  private void leave(ExecutionAttributes executionAttributes) {
    if (Boolean.TRUE.equals(executionAttributes.getAttribute(ADMITTED))) {
      executionAttributes.putAttribute(ADMITTED, Boolean.FALSE);
      gate.leave();
    }
  }
}
