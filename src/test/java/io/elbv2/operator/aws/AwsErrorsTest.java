package io.elbv2.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

class AwsErrorsTest {

  @Test
  void anAwsAnswerIsItsCodeMessageAndStatus() {
    var throttled = answer("Throttling", "Rate exceeded", 400);

    assertThat(AwsErrors.describe(throttled)).isEqualTo("Throttling: Rate exceeded (HTTP 400)");
    assertThat(AwsErrors.code(throttled)).isEqualTo("Throttling");
  }

  @Test
  void aTimeoutNamesAwsLastAnswer() {
    var timeout = ApiCallTimeoutException.create(20_000);
    timeout.addSuppressed(answer("ServiceUnavailable", "Service is unavailable", 503));

    assertThat(AwsErrors.describe(timeout))
        .endsWith(
            "20000 millis (last answer: ServiceUnavailable: Service is unavailable (HTTP 503))");
    assertThat(AwsErrors.code(timeout)).isEqualTo("ApiCallTimeoutException");
  }

  @Test
  void aFailureWithoutAMessageIsNamedByItsKind() {
    var aborted = AbortedException.builder().build();

    assertThat(AwsErrors.describe(aborted)).isEqualTo("AbortedException");
  }

  private static AwsServiceException answer(String code, String message, int status) {
    return AwsServiceException.builder()
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .statusCode(status)
        .message(message)
        .build();
  }

  @Test
  void aFailureSaysAwsLastAnswerKeptOnWhatCausedIt() {
    var cause = new IllegalStateException("interrupted while waiting to retry");
    cause.addSuppressed(answer("ServiceUnavailable", "Service is unavailable", 503));
    var aborted = AbortedException.builder().cause(cause).build();

    assertThat(AwsErrors.describe(aborted))
        .startsWith("interrupted while waiting to retry")
        .endsWith("(last answer: ServiceUnavailable: Service is unavailable (HTTP 503))");
  }
}
