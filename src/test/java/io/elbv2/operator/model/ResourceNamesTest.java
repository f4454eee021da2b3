package io.elbv2.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected names computed with the Go controller's own formula, not with this class. */
class ResourceNamesTest {

  /** pkg/networking/backend_sg_provider.go getBackendSGName: {@code k8s-traffic-%.232s-%.10s}. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "prod, k8s-traffic-prod-6754af9632",
    "my-very-long-production-cluster-name.eu-west-1,"
        + " k8s-traffic-myverylongproductionclusternameeuwest1-1746e202ae"
  })
  void backendSecurityGroupIsNamedAsTheGoControllerNamesIt(String cluster, String expected) {
    assertThat(ResourceNames.ofBackendSecurityGroup(cluster)).isEqualTo(expected);
  }

  @Test
  void backendSecurityGroupOfAHugeClusterNameKeepsItsFirst232CharactersWithinEc2sLimit() {
    var cluster = "abcdefghi-".repeat(30);

    var name = ResourceNames.ofBackendSecurityGroup(cluster);

    assertThat(name)
        .isEqualTo("k8s-traffic-" + "abcdefghi".repeat(25) + "abcdefg" + "-5dfd994789")
        .hasSize(255);
  }
}
