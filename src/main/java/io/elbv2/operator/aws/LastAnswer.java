package io.elbv2.operator.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Keeps the error code and message of the last error answer of a call, and adds them as a
 * suppressed exception to the exception the call ends with when that is not AWS's own: a call that
 * runs out of time while AWS keeps answering 503 or Throttling would otherwise say only that it ran
 * out of time, as the SDK keeps no earlier attempt. Only error answers are read, and at most 64 KiB
 * of each.
 */
final class LastAnswer implements ExecutionInterceptor {

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
    if (status < 400 || body.isEmpty()) {
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
