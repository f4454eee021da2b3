package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesTest {

  @Test
  void onlyAttributesWhoseValueDiffersAreWritten() {
    var wanted =
        Map.of("deletion_protection.enabled", "true", "load_balancing.cross_zone.enabled", "true");
    var current =
        Map.of(
            "deletion_protection.enabled", "false",
            "load_balancing.cross_zone.enabled", "true",
            "access_logs.s3.enabled", "false");

    assertThat(Attributes.changed(wanted, current))
        .isEqualTo(Map.of("deletion_protection.enabled", "true"));
  }

  @Test
  void nothingWantedMeansNothingWritten() {
    assertThat(Attributes.changed(Map.of(), Map.of("access_logs.s3.enabled", "false"))).isEmpty();
  }
}
