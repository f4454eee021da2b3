package io.elbv2.operator.deploy;

import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;

/** What a stack's workflow failed on, as the events and the cleanup retries need it. */
public final class DeployErrors {

  private DeployErrors() {}

  /** What the dependents threw, from the exception a workflow ended with. */
  public static Collection<Exception> failures(Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AggregatedOperatorException aggregated) {
        return aggregated.getAggregatedExceptions().values();
      }
    }
    return List.of(e);
  }

  /** The first error, as AWS words it ({@code <code>: <message>}) when AWS refused a call. */
  public static String firstError(Collection<Exception> errors) {
    return errors.stream()
        .findFirst()
        .map(
            e ->
                e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    ? aws.awsErrorDetails().errorCode()
                        + ": "
                        + aws.awsErrorDetails().errorMessage()
                    : e.getMessage())
        .orElse("unknown error");
  }

  /**
   * Whether a deletion failed only because a load balancer being deleted still holds the object (a
   * target group, a security group): it goes on a later try.
   */
  public static boolean stillHeldByALoadBalancer(Exception e) {
    return e instanceof ResourceInUseException || SecurityGroupsDependent.isDependencyViolation(e);
  }
}
