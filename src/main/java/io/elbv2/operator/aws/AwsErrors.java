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
    var reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return reason + lastAnswer(e).map(answer -> " (last answer: " + answer + ")").orElse("");
  }

  /** AWS's error code, or the SDK's exception when AWS gave none (a timeout, no connection). */
  public static String code(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }

  /** The last AWS answer among the attempts the SDK keeps (suppressed) and the cause. */
  private static Optional<String> lastAnswer(SdkException e) {
    var attempts = new ArrayList<>(List.of(e.getSuppressed()));
    attempts.add(e.getCause());
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
