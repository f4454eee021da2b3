package io.elbv2.operator.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

@ApplicationScoped
public class SettingsProducer {

  private static final Logger LOG = Logger.getLogger(SettingsProducer.class);

  @Produces
  @Singleton
  OperatorSettings settings(OperatorConfig config) {
    return OperatorSettings.from(config);
  }

  /**
   * Validates the configuration before anything else starts, so bad settings fail start-up with one
   * message.
   */
  void validateAtStartup(
      @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
      OperatorSettings settings) {
    LOG.infof(
        "cluster %s, region %s (partition %s), VPC %s, AWS endpoint %s",
        settings.clusterName(),
        settings.region(),
        settings.partition().id(),
        settings.vpcId().orElse("(not set)"),
        settings.awsEndpoint().map(Object::toString).orElse("(regional)"));
  }
}
