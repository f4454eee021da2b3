package io.elbv2.operator.kubernetes;

import io.elbv2.operator.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Events about the operator as a whole, recorded on its own Pod so that {@code kubectl describe
 * pod} and {@code kubectl get events} show them. Where the Pod is not known (run outside the chart)
 * nothing is recorded.
 */
@Singleton
public class OperatorPodEvents {

  private final EventRecorder events;
  private final KubernetesClient client;
  private final Optional<Pod> named;
  private volatile HasMetadata pod;

  OperatorPodEvents(EventRecorder events, KubernetesClient client, OperatorConfig config) {
    this.events = events;
    this.client = client;
    this.named =
        config
            .podName()
            .flatMap(
                name ->
                    config
                        .podNamespace()
                        .map(
                            namespace ->
                                new PodBuilder()
                                    .withNewMetadata()
                                    .withName(name)
                                    .withNamespace(namespace)
                                    .endMetadata()
                                    .build()));
  }

  public void warning(String reason, String message) {
    pod().ifPresent(pod -> events.warning(pod, reason, message));
  }

  public void normal(String reason, String message) {
    pod().ifPresent(pod -> events.normal(pod, reason, message));
  }

  /**
   * The Pod as the API server has it, with its uid, which {@code kubectl describe} matches events
   * by; if it cannot be read, the name alone, read again next time.
   */
  private Optional<HasMetadata> pod() {
    if (named.isEmpty()) {
      return Optional.empty();
    }
    if (pod == null) {
      var reference = named.get();
      try {
        var found =
            client
                .pods()
                .inNamespace(reference.getMetadata().getNamespace())
                .withName(reference.getMetadata().getName())
                .get();
        if (found != null) {
          pod = found;
          return Optional.of(found);
        }
      } catch (KubernetesClientException e) {
        // Recorded by name; the uid is looked up again with the next event.
      }
      return Optional.of(reference);
    }
    return Optional.of(pod);
  }
}
