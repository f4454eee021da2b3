package io.elbv2.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelBuildExceptionTest {

  @Test
  void aBadValueIsDescribedByItsOwnMessage() {
    var bad = new InvalidAnnotationException("alb.ingress.kubernetes.io/scheme", "'x' is bad");

    assertThat(ModelBuildException.describe(bad))
        .isEqualTo("alb.ingress.kubernetes.io/scheme: 'x' is bad");
  }

  @Test
  void anyOtherFailureIsDescribedByItsKindEvenWithoutAMessage() {
    assertThat(ModelBuildException.describe(new NullPointerException()))
        .isEqualTo("NullPointerException");
    assertThat(ModelBuildException.describe(new IllegalStateException("lookup failed")))
        .isEqualTo("IllegalStateException: lookup failed");
  }

  @Test
  void aFailureInOneMemberNamesItAndKeepsTheCause() {
    var cause = new IllegalStateException("lookup failed");

    var e = new ModelBuildException("in shop/web", cause);

    assertThat(e).hasMessage("in shop/web: IllegalStateException: lookup failed").hasCause(cause);
    assertThat(ModelBuildException.describe(e)).isEqualTo(e.getMessage());
  }
}
