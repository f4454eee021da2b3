package io.elbv2.operator.discovery;

import java.util.Map;
import java.util.Optional;

/** Target groups outside any stack for model builder tests: the ARN of each name given. */
public record FixedTargetGroups(Map<String, String> arnsByName) implements TargetGroupNames {

  public static final FixedTargetGroups NONE = new FixedTargetGroups(Map.of());

  @Override
  public Optional<String> arnOf(String name) {
    return Optional.ofNullable(arnsByName.get(name));
  }
}
