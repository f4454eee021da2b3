package io.elbv2.operator.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A test profile without an operator in the test JVM: only the operator processes the tests start
 * ({@link OperatorProcess}) serve the cluster.
 */
public class OperatorOutOfProcess implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("quarkus.operator-sdk.start-operator", "false");
  }
}
