package io.elbv2.operator.config;

import java.util.List;

/** Start-up configuration that cannot work; the message lists every problem at once. */
public class InvalidConfigurationException extends RuntimeException {

  public InvalidConfigurationException(List<String> problems) {
    super("invalid elbv2-operator configuration:\n  - " + String.join("\n  - ", problems));
  }
}
