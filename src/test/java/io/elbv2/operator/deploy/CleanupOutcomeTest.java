package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowCleanupResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;

class CleanupOutcomeTest {

  @Test
  void everythingDeletedIsAllGone() {
    var outcome = CleanupOutcome.of(() -> WorkflowCleanupResult.EMPTY);

    assertThat(outcome.allGone()).isTrue();
    assertThat(outcome.onlyWaiting()).isTrue();
  }

  @Test
  void aTargetGroupStillInUseIsWaitedForRatherThanFailed() {
    var outcome =
        thrownBy(
            workflowFailure(
                Map.of(
                    "target-groups",
                    ResourceInUseException.builder().message("in use by a listener").build())));

    assertThat(outcome.allGone()).isFalse();
    assertThat(outcome.onlyWaiting()).isTrue();
  }

  @Test
  void anyOtherFailureIsThrownAgainAsTheFrameworkThrewIt() {
    var thrown =
        workflowFailure(
            Map.of(
                "target-groups",
                ResourceInUseException.builder().message("in use").build(),
                "load-balancer",
                new IllegalStateException("AccessDenied")));

    var outcome = thrownBy(thrown);

    assertThat(outcome.onlyWaiting()).isFalse();
    assertThat(outcome.failure()).isSameAs(thrown);
    assertThat(outcome.errors()).hasSize(2);
  }

  @Test
  void aTargetGroupInUseIsNamedWithAwsCodeAndMessage() {
    var arn = "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:targetgroup/k8s-web/1";
    var outcome =
        thrownBy(
            workflowFailure(
                Map.of(
                    "target-groups",
                    ResourceInUseException.builder()
                        .awsErrorDetails(
                            aws(
                                "ResourceInUse",
                                "The target group '" + arn + "' is currently in use"))
                        .build())));

    assertThat(
            outcome.waitingFor(new StillThere(List.of(), List.of(arn), List.of("sg-1"), List.of())))
        .isEqualTo(
            "target group "
                + arn
                + ": ResourceInUse: The target group '"
                + arn
                + "' is currently in use");
  }

  @Test
  void aSecurityGroupWithADependentObjectIsNamedWithAwsCodeAndMessage() {
    var outcome =
        thrownBy(
            workflowFailure(
                Map.of(
                    "security-groups",
                    Ec2Exception.builder()
                        .awsErrorDetails(
                            aws("DependencyViolation", "resource sg-0abc has a dependent object"))
                        .build())));

    assertThat(outcome.onlyWaiting()).isTrue();
    assertThat(
            outcome.waitingFor(new StillThere(List.of(), List.of(), List.of("sg-0abc"), List.of())))
        .isEqualTo(
            "security group sg-0abc: DependencyViolation: resource sg-0abc has a dependent object");
  }

  @Test
  void withNoRefusalTheBindingsStillBeingDeletedAreNamed() {
    var outcome =
        CleanupOutcome.of(
            () ->
                new WorkflowCleanupResult() {
                  @Override
                  public boolean allPostConditionsMet() {
                    return false;
                  }
                });

    assertThat(outcome.allGone()).isFalse();
    assertThat(
            outcome.waitingFor(
                new StillThere(List.of("arn:lb"), List.of(), List.of(), List.of("ns/k8s-web"))))
        .isEqualTo("TargetGroupBinding ns/k8s-web being deleted");
  }

  private static AwsErrorDetails aws(String code, String message) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
  }

  /** What the framework throws when dependents failed: their errors, by dependent. */
  private static OperatorException workflowFailure(Map<String, Exception> byDependent) {
    return new OperatorException(
        new AggregatedOperatorException("Exception(s) during workflow execution.", byDependent));
  }

  private static CleanupOutcome thrownBy(RuntimeException thrown) {
    return CleanupOutcome.of(
        () -> {
          throw thrown;
        });
  }
}
