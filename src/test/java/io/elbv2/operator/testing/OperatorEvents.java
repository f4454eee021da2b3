package io.elbv2.operator.testing;

import io.elbv2.operator.kubernetes.EventRecorder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** The events the operator recorded on one object, as {@code kubectl describe} lists them. */
public final class OperatorEvents {

  private OperatorEvents() {}

  public static List<Event> on(KubernetesClient client, HasMetadata object) {
    var meta = object.getMetadata();
    return client.v1().events().inNamespace(meta.getNamespace()).list().getItems().stream()
        .filter(e -> meta.getUid().equals(e.getInvolvedObject().getUid()))
        .filter(e -> EventRecorder.COMPONENT.equals(e.getSource().getComponent()))
        .toList();
  }

  public static List<Event> warningsOn(KubernetesClient client, HasMetadata object) {
    return on(client, object).stream().filter(e -> "Warning".equals(e.getType())).toList();
  }
}
