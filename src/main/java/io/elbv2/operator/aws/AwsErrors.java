package io.elbv2.operator.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** AWS's answer to a failed call in the words users see in events, denials and metrics. */
public final class AwsErrors {

  private AwsErrors() {}

  /**
   * What AWS answered, as its error code and message; for a call that ran out of time or could not
   * reach AWS, the SDK's reason and AWS's last answer, if there was one (see {@link LastAnswer}).
   */
  public static String describe(SdkException e) {
    if (e instanceof AwsServiceException service) {
      return answer(service);
    }
    return reason(e) + lastAnswer(e).map(answer -> " (last answer: " + answer + ")").orElse("");
  }

  /** AWS's error code, or the SDK's exception when AWS gave none (a timeout, no connection). */
  public static String code(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }

  /** The SDK's words, or, for a failure without any, its kind and what caused it. */
  private static String reason(Throwable e) {
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    var cause = e.getCause();
    return e.getClass().getSimpleName()
        + (cause == null || cause == e
            ? ""
            : " (" + cause.getClass().getSimpleName() + ": " + reason(cause) + ")");
  }

  /**
   * The last AWS answer among the attempts the SDK keeps (suppressed, on the failure or on what
   * caused it) and the causes.
   */
  private static Optional<String> lastAnswer(SdkException e) {
    var attempts = new ArrayList<Throwable>();
    for (Throwable t = e; t != null && attempts.size() < 20; t = t.getCause()) {
      attempts.addAll(List.of(t.getSuppressed()));
      attempts.add(t.getCause());
    }
    String last = null;
    for (var attempt : attempts) {
      for (var t = attempt; t != null; t = t.getCause()) {
        if (t instanceof AwsServiceException service) {
          last = answer(service);
          break;
        }
      }
    }
    return Optional.ofNullable(last);
  }

  private static String answer(AwsServiceException e) {
    var details = e.awsErrorDetails();
    if (details == null) {
      return e.getMessage();
    }
    return details.errorCode()
        + ": "
        + details.errorMessage()
        + " (HTTP "
        + e.statusCode()
        + (e.numAttempts() != null && e.numAttempts() > 1
            ? ", after " + e.numAttempts() + " attempts"
            : "")
        + ")";
  }
}
