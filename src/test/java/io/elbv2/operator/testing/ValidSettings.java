package io.elbv2.operator.testing;

import io.elbv2.operator.config.OperatorConfig;
import io.elbv2.operator.config.OperatorSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Operator settings as Quarkus maps them from properties: the required ones and these. */
public final class ValidSettings {

  private ValidSettings() {}

  public static OperatorSettings with(Map<String, String> properties) {
    return OperatorSettings.from(config(properties));
  }

  public static OperatorConfig config(Map<String, String> properties) {
    var all = new HashMap<String, String>();
    all.put("elbv2.cluster-name", "prod-cluster");
    all.put("elbv2.aws.region", "us-west-2");
    all.putAll(properties);
    return new SmallRyeConfigBuilder()
        .withMapping(OperatorConfig.class)
        .withConverter(Duration.class, 100, new DurationConverter())
        .withSources(new PropertiesConfigSource(all, "test", 100))
        .build()
        .getConfigMapping(OperatorConfig.class);
  }
}
