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
    return errors.stream().findFirst().map(DeployErrors::describe).orElse("unknown error");
  }

  /** One error, as AWS words it ({@code <code>: <message>}) when AWS refused a call. */
  public static String describe(Exception e) {
    return e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        ? aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage()
        : e.getMessage();
  }

  /**
   * Whether a deletion was refused only because something still uses the object (a target group, a
   * security group): a load balancer being deleted, which lets go of them a while later, or
   * something made outside the operator, which may hold them until someone removes it. Either way
   * the deletion is tried again later.
   */
  public static boolean stillInUse(Exception e) {
    return isResourceInUse(e) || SecurityGroupsDependent.isDependencyViolation(e);
  }

  static boolean isResourceInUse(Exception e) {
    return e instanceof ResourceInUseException;
  }
}
