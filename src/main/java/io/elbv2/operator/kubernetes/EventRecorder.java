package io.elbv2.operator.kubernetes;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * Records {@code v1} Events on the objects the operator serves, as {@code kubectl describe} shows
 * them. Repeats of the same event on the same object raise its count instead of adding a new Event,
 * like client-go's recorder. Failing to record never fails a reconcile.
 */
@ApplicationScoped
public class EventRecorder {

  public static final String COMPONENT = "elbv2-operator";
  private static final String NAMESPACE_TERMINATING = "NamespaceTerminating";
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  private static final int MAX_MESSAGE = 1024;

  public enum Type {
    Normal,
    Warning
  }

  private final KubernetesClient client;

  EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void normal(HasMetadata object, String reason, String message) {
    record(object, Type.Normal, reason, message);
  }

  public void warning(HasMetadata object, String reason, String message) {
    record(object, Type.Warning, reason, message);
  }

  public void record(HasMetadata object, Type type, String reason, String message) {
    var meta = object.getMetadata();
    var text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    var name = meta.getName() + "." + digest(meta.getUid() + type + reason + text);
    var now = Instant.now().toString();
    var events = client.v1().events().inNamespace(meta.getNamespace());
    try {
      var existing = events.withName(name).get();
      if (existing != null) {
        events
            .withName(name)
            .edit(
                event -> {
                  event.setCount(event.getCount() == null ? 2 : event.getCount() + 1);
                  event.setLastTimestamp(now);
                  return event;
                });
        return;
      }
      events
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(meta.getNamespace())
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(object.getApiVersion())
                          .withKind(object.getKind())
                          .withName(meta.getName())
                          .withNamespace(meta.getNamespace())
                          .withUid(meta.getUid())
                          .withResourceVersion(meta.getResourceVersion())
                          .build())
                  .withType(type.name())
                  .withReason(reason)
                  .withMessage(text)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      if (namespaceTerminating(e)) {
        LOG.debugf(
            "event %s on %s/%s not recorded: its namespace is being deleted",
            reason, meta.getNamespace(), meta.getName());
      } else {
        LOG.warnf(
            "could not record event %s on %s/%s: %s",
            reason, meta.getNamespace(), meta.getName(), e.getMessage());
      }
    }
  }

  /** The API server refuses new objects, events included, in a namespace being deleted. */
  private static boolean namespaceTerminating(KubernetesClientException e) {
    var status = e.getStatus();
    return status != null
        && status.getDetails() != null
        && status.getDetails().getCauses() != null
        && status.getDetails().getCauses().stream()
            .anyMatch(cause -> NAMESPACE_TERMINATING.equals(cause.getReason()));
  }

  private static String digest(String text) {
    try {
      var hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
