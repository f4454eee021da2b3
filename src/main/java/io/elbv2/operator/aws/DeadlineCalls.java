package io.elbv2.operator.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Settings for an AWS call that someone waits on with a deadline of their own, such as the API
 * server calling an admission webhook: the call, its retries and any wait for a rate limit end
 * within a budget, and it does not wait for a turn under {@code elbv2.aws.max-concurrent-calls}
 * (that turn counts in no timeout and could outlast the deadline). When the budget runs out while
 * AWS keeps failing, the SDK's timeout carries AWS's last error answer as a suppressed exception
 * (see {@link LastAnswer}): the SDK itself keeps none.
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

  /**
   * Keeps the error code and message of the last error answer of a call with a deadline, and adds
   * them to the exception the call ends with when that is not AWS's own (a timeout).
   */
  static final class LastAnswer implements ExecutionInterceptor {

    private static final ExecutionAttribute<AwsServiceException> LAST =
        new ExecutionAttribute<>("elbv2.last-answer");
    // The query protocol's error, ELBv2's <ErrorResponse><Error> and EC2's <Response><Errors>.
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");
    private static final int MAX_ERROR_BODY = 64 * 1024;

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      var body = context.responseBody();
      var status = context.httpResponse().statusCode();
      if (!Boolean.TRUE.equals(attributes.getAttribute(UNQUEUED))
          || status < 400
          || body.isEmpty()) {
        return body;
      }
      byte[] bytes;
      try {
        bytes = body.get().readNBytes(MAX_ERROR_BODY);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      var text = new String(bytes, StandardCharsets.UTF_8);
      var code = CODE.matcher(text);
      if (code.find()) {
        var message = MESSAGE.matcher(text);
        var details =
            AwsErrorDetails.builder()
                .errorCode(code.group(1))
                .errorMessage(message.find() ? message.group(1) : "")
                .build();
        attributes.putAttribute(
            LAST,
            AwsServiceException.builder()
                .awsErrorDetails(details)
                .statusCode(status)
                .message(details.errorMessage())
                .build());
      }
      return Optional.of(new SequenceInputStream(new ByteArrayInputStream(bytes), body.get()));
    }

    @Override
    public Throwable modifyException(
        Context.FailedExecution context, ExecutionAttributes attributes) {
      var failure = context.exception();
      var last = attributes.getAttribute(LAST);
      if (last != null && !(failure instanceof AwsServiceException)) {
        failure.addSuppressed(last);
      }
      return failure;
    }
  }
}
