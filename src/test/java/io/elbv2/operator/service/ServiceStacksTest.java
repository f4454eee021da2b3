package io.elbv2.operator.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.Test;

class ServiceStacksTest {

  @Test
  void stackTagNamesTheServiceByNamespaceAndName() {
    assertThat(ServiceStacks.serviceOf("game-2048/service-2048"))
        .contains(new ResourceID("service-2048", "game-2048"));
  }

  @Test
  void stackTagsOfOtherKindsNameNoService() {
    assertThat(ServiceStacks.serviceOf("my-ingress-group")).isEmpty();
    assertThat(ServiceStacks.serviceOf("/web")).isEmpty();
    assertThat(ServiceStacks.serviceOf("default/")).isEmpty();
  }
}
