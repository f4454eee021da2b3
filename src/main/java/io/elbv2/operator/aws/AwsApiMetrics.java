package io.elbv2.operator.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS API calls (one per SDK method call, retries included) and requests (one per HTTP
 * attempt) with the metric names and labels of the Go controller: {@code aws_api_calls_total},
 * {@code aws_api_call_duration_seconds}, {@code aws_api_call_retries}, {@code
 * aws_api_requests_total}, labelled by service, operation, status code and error code.
 */
public class AwsApiMetrics implements ExecutionInterceptor {

  private static final ExecutionAttribute<Long> CALL_START =
      new ExecutionAttribute<>("elbv2.call-start");
  private static final ExecutionAttribute<AtomicInteger> ATTEMPTS =
      new ExecutionAttribute<>("elbv2.attempts");

  private static final Logger LOG = Logger.getLogger(AwsApiMetrics.class);

  private final MeterRegistry registry;

  public AwsApiMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(CALL_START, System.nanoTime());
    attributes.putAttribute(ATTEMPTS, new AtomicInteger());
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attributes.getAttribute(ATTEMPTS).incrementAndGet();
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    var status = String.valueOf(context.httpResponse().statusCode());
    Counter.builder("aws.api.requests")
        .description("AWS API HTTP requests, one per attempt")
        .tags(
            "service",
            service(attributes),
            "operation",
            operation(attributes),
            "status_code",
            status)
        .register(registry)
        .increment();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    record(attributes, String.valueOf(context.httpResponse().statusCode()), "");
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    var failure = context.exception();
    if (failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      record(attributes, String.valueOf(aws.statusCode()), aws.awsErrorDetails().errorCode());
    } else if (failure instanceof SdkServiceException service) {
      record(attributes, String.valueOf(service.statusCode()), failure.getClass().getSimpleName());
    } else {
      // No response at all: a timeout or a connection failure.
      record(attributes, "0", failure.getClass().getSimpleName());
    }
  }

  private void record(ExecutionAttributes attributes, String statusCode, String errorCode) {
    var service = service(attributes);
    var operation = operation(attributes);
    Counter.builder("aws.api.calls")
        .description("AWS API calls, retries included")
        .tags(
            "service",
            service,
            "operation",
            operation,
            "status_code",
            statusCode,
            "error_code",
            errorCode)
        .register(registry)
        .increment();
    var start = attributes.getAttribute(CALL_START);
    if (start != null) {
      var took = Duration.ofNanos(System.nanoTime() - start);
      Timer.builder("aws.api.call.duration")
          .description("Duration of AWS API calls, retries included")
          .tags("service", service, "operation", operation)
          .register(registry)
          .record(took);
      LOG.debugf(
          "%s %s: %s%s in %d ms",
          service,
          operation,
          statusCode,
          errorCode.isEmpty() ? "" : " " + errorCode,
          took.toMillis());
    }
    var attempts = attributes.getAttribute(ATTEMPTS);
    if (attempts != null) {
      DistributionSummary.builder("aws.api.call.retries")
          .description("Retries of one AWS API call")
          .tags("service", service, "operation", operation)
          .register(registry)
          .record(Math.max(0, attempts.get() - 1));
    }
  }

  private static String service(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
  }

  private static String operation(ExecutionAttributes attributes) {
    return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }
}
