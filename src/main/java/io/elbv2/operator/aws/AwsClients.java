package io.elbv2.operator.aws;

import io.elbv2.operator.config.OperatorSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Builds the ELBv2, EC2 and ACM clients: one region, an optional endpoint override, the default
 * credentials chain (IRSA web identity, environment, profile, container and instance roles),
 * adaptive retries and bounded timeouts, with every call counted by {@link AwsApiMetrics}.
 */
@ApplicationScoped
public class AwsClients {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final OperatorSettings settings;
  private final MeterRegistry registry;
  private final AwsApiMetrics metrics;
  private final SdkHttpClient httpClient;
  private final DefaultCredentialsProvider credentials;
  private final AwsCallOrder order;

  AwsClients(OperatorSettings settings, MeterRegistry registry, AwsCallOrder order) {
    this.settings = settings;
    this.registry = registry;
    this.metrics = new AwsApiMetrics(registry);
    this.order = order;
    this.httpClient =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(settings.awsAttemptTimeout())
            .build();
    this.credentials = DefaultCredentialsProvider.builder().build();
  }

  @Produces
  @Singleton
  ElasticLoadBalancingV2Client elbv2() {
    return configure(
            ElasticLoadBalancingV2Client.builder(), ElasticLoadBalancingV2Client.SERVICE_NAME)
        .build();
  }

  @Produces
  @Singleton
  Ec2Client ec2() {
    return configure(Ec2Client.builder(), Ec2Client.SERVICE_NAME).build();
  }

  @Produces
  @Singleton
  AcmClient acm() {
    return configure(AcmClient.builder(), AcmClient.SERVICE_NAME).build();
  }

  void close(@Disposes AcmClient client) {
    client.close();
  }

  void close(@Disposes ElasticLoadBalancingV2Client client) {
    client.close();
  }

  void close(@Disposes Ec2Client client) {
    client.close();
  }

  @PreDestroy
  void close() {
    httpClient.close();
    credentials.close();
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
      B builder, String service) {
    builder
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .httpClient(httpClient)
        .overrideConfiguration(overrides(service));
    settings.awsEndpoint().ifPresent(builder::endpointOverride);
    return builder;
  }

  /** One gate per client: ELBv2, EC2 and ACM answer, and throttle, apart. */
  ClientOverrideConfiguration overrides(String service) {
    var overrides = ClientOverrideConfiguration.builder();
    if (settings.awsMaxConcurrentCalls() > 0) {
      // First, so that the metrics below time the call, not its wait for a turn.
      var gate = new CallGate(settings.awsMaxConcurrentCalls());
      overrides.addExecutionInterceptor(new OrderedCalls(order, gate));
      Gauge.builder("elbv2.aws.calls.waiting", gate, CallGate::waiting)
          .description("AWS calls waiting for their turn")
          .tag("service", service)
          .register(registry);
    }
    return overrides
        // Adaptive: retries with backoff and, once throttled, slows all calls of the client down;
        // the SDK's retry
        // token bucket bounds how many retries a burst of failures may spend.
        .retryStrategy(
            AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .maxAttempts(settings.awsMaxRetries() + 1)
                .build())
        .apiCallTimeout(settings.awsCallTimeout())
        .apiCallAttemptTimeout(settings.awsAttemptTimeout())
        .addExecutionInterceptor(metrics)
        .addExecutionInterceptor(new LastAnswer())
        .build();
  }
}
