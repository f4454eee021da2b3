package io.elbv2.operator.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;

/**
 * Settings for an AWS call that someone waits on with a deadline of their own, such as the API
 * server calling an admission webhook: the call, its retries and any wait for a rate limit end
 * within a budget, and it does not wait for a turn under {@code elbv2.aws.max-concurrent-calls}
 * (that turn counts in no timeout and could outlast the deadline). When the budget runs out while
 * AWS keeps failing, the SDK's timeout carries AWS's last error answer (see {@link LastAnswer}).
 */
public final class DeadlineCalls {

  static final ExecutionAttribute<Boolean> UNQUEUED = new ExecutionAttribute<>("elbv2.unqueued");

  private DeadlineCalls() {}

  /**
   * For a request's {@code overrideConfiguration}: the call ends within {@code budget}, each
   * attempt within {@code attemptTimeout} or the budget, whichever is shorter.
   */
  public static AwsRequestOverrideConfiguration within(Duration budget, Duration attemptTimeout) {
    return AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(budget)
        .apiCallAttemptTimeout(attemptTimeout.compareTo(budget) < 0 ? attemptTimeout : budget)
        .putExecutionAttribute(UNQUEUED, Boolean.TRUE)
        .build();
  }
}
