package io.elbv2.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainHttpPortTest {

  private final PlainHttpPort port = new PlainHttpPort("/metrics", "q");

  @ParameterizedTest
  @ValueSource(strings = {"/metrics", "/q/health", "/q/health/live", "/q/health/ready"})
  void metricsAndHealthAreServedWithoutTls(String path) {
    assertThat(port.serves(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/mutate-v1-pod",
        "/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding",
        "/validate-elbv2-k8s-aws-v1beta1-targetgroupbinding",
        "/mutate-v1-pod/",
        "/",
        "/metrics/extra",
        "/quarkus"
      })
  void admissionEndpointsAndAnythingElseAreNotServedWithoutTls(String path) {
    assertThat(port.serves(path)).isFalse();
  }

  @Test
  void aMetricsPathUnderTheNonApplicationRootIsServed() {
    var relative = new PlainHttpPort("metrics", "/internal/");

    assertThat(relative.serves("/internal/metrics")).isTrue();
    assertThat(relative.serves("/internal/health/live")).isTrue();
    assertThat(relative.serves("/mutate-v1-pod")).isFalse();
  }
}
