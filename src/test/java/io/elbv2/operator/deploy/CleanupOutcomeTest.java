package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowCleanupResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ResourceInUseException;

class CleanupOutcomeTest {

  @Test
  void everythingDeletedIsAllGone() {
    var outcome = CleanupOutcome.of(() -> WorkflowCleanupResult.EMPTY);

    assertThat(outcome.allGone()).isTrue();
    assertThat(outcome.onlyWaitingForALoadBalancer()).isTrue();
  }

  @Test
  void aTargetGroupStillHeldByALoadBalancerBeingDeletedIsTriedAgainWithoutAWarning() {
    var outcome =
        thrownBy(
            workflowFailure(
                Map.of(
                    "target-groups",
                    ResourceInUseException.builder().message("in use by a listener").build())));

    assertThat(outcome.allGone()).isFalse();
    assertThat(outcome.onlyWaitingForALoadBalancer()).isTrue();
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

    assertThat(outcome.onlyWaitingForALoadBalancer()).isFalse();
    assertThat(outcome.failure()).isSameAs(thrown);
    assertThat(outcome.errors()).hasSize(2);
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
