package io.elbv2.operator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

class LoadBalancerStatusTest {

  private static final String HOSTNAME =
      "k8s-default-web-0123456789-1.elb.cn-north-1.amazonaws.com.cn";

  @Test
  void servedServiceGetsHostnameAndTrueConditionOnceAndThenNoWrite() {
    var service = service();

    assertThat(LoadBalancerStatus.served(service, HOSTNAME)).isTrue();
    assertThat(LoadBalancerStatus.served(service, HOSTNAME)).isFalse();
    assertThat(service.getStatus().getLoadBalancer().getIngress().get(0).getHostname())
        .isEqualTo(HOSTNAME);
    assertThat(service.getStatus().getConditions())
        .singleElement()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  @Test
  void failureKeepsTheHostnameAndTurnsTheConditionFalseWithTheReason() {
    var service = service();
    LoadBalancerStatus.served(service, HOSTNAME);

    assertThat(LoadBalancerStatus.failed(service, "FailedBuildModel", "scheme: bad")).isTrue();
    assertThat(LoadBalancerStatus.failed(service, "FailedBuildModel", "scheme: bad")).isFalse();
    assertThat(service.getStatus().getLoadBalancer().getIngress()).hasSize(1);
    assertThat(service.getStatus().getConditions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo("FailedBuildModel");
              assertThat(c.getMessage()).isEqualTo("scheme: bad");
            });
  }

  @Test
  void releasedServiceLosesHostnameAndCondition() {
    var service = service();
    LoadBalancerStatus.served(service, HOSTNAME);

    assertThat(LoadBalancerStatus.released(service)).isTrue();
    assertThat(LoadBalancerStatus.released(service)).isFalse();
    assertThat(service.getStatus().getLoadBalancer()).isNull();
    assertThat(service.getStatus().getConditions()).isEmpty();
  }

  private static Service service() {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace("default")
        .withGeneration(1L)
        .endMetadata()
        .build();
  }
}
