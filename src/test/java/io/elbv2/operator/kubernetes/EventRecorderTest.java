package io.elbv2.operator.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {

  KubernetesClient client;

  private final io.fabric8.kubernetes.api.model.Service service =
      new ServiceBuilder()
          .withNewMetadata()
          .withName("web")
          .withNamespace("shop")
          .withUid("0a1b2c")
          .endMetadata()
          .build();

  @Test
  void repeatedEventRaisesTheCountOfOneEvent() {
    var recorder = new EventRecorder(client);

    recorder.warning(service, "FailedBuildModel", "bad annotation");
    recorder.warning(service, "FailedBuildModel", "bad annotation");
    recorder.warning(service, "FailedBuildModel", "bad annotation");

    var events = client.v1().events().inNamespace("shop").list().getItems();
    assertThat(events).hasSize(1);
    var event = events.get(0);
    assertThat(event.getCount()).isEqualTo(3);
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getReason()).isEqualTo("FailedBuildModel");
    assertThat(event.getInvolvedObject().getUid()).isEqualTo("0a1b2c");
    assertThat(event.getSource().getComponent()).isEqualTo(EventRecorder.COMPONENT);
  }

  @Test
  void differentMessagesAreDifferentEvents() {
    var recorder = new EventRecorder(client);

    recorder.normal(service, "SuccessfullyReconciled", "registered 1 target");
    recorder.normal(service, "SuccessfullyReconciled", "registered 2 targets");

    assertThat(client.v1().events().inNamespace("shop").list().getItems())
        .extracting(e -> e.getMessage())
        .containsExactlyInAnyOrder("registered 1 target", "registered 2 targets");
  }
}
