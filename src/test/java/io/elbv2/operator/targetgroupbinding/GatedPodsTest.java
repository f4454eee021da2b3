package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import org.junit.jupiter.api.Test;

class GatedPodsTest {

  @Test
  void patchWritesOneConditionForThePodsUidAndClearsWhatTheGateNoLongerSays() {
    var pod =
        new PodBuilder().withNewMetadata().withName("web-0").withUid("uid-1").endMetadata().build();
    var healthy =
        new PodConditionBuilder()
            .withType("target-health.elbv2.k8s.aws/web")
            .withStatus("True")
            .withLastTransitionTime("2025-01-01T10:00:30Z")
            .build();

    assertThat(GatedPods.patch(pod, healthy))
        .isEqualTo(
            "{\"metadata\":{\"uid\":\"uid-1\"},\"status\":{\"conditions\":[{"
                + "\"type\":\"target-health.elbv2.k8s.aws/web\",\"status\":\"True\","
                + "\"reason\":null,\"message\":null,\"lastTransitionTime\":\"2025-01-01T10:00:30Z\"}]}}");
  }
}
