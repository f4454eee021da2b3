package io.elbv2.operator.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The pod mutating webhook, at the Go controller's path: gives new pods the readiness gates of the
 * TargetGroupBindings that will target them (see {@link PodReadinessGates}). It never refuses a
 * pod: when it cannot decide, the pod is admitted unchanged and the failure counted.
 */
@Path(PodReadinessGateWebhook.PATH)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PodReadinessGateWebhook {

  public static final String PATH = "/mutate-v1-pod";
  private static final Logger LOG = Logger.getLogger(PodReadinessGateWebhook.class);

  private final ObjectMapper mapper = new ObjectMapper();
  private final PodReadinessLookups lookups;
  private final PodWebhookMetrics metrics;

  PodReadinessGateWebhook(PodReadinessLookups lookups, PodWebhookMetrics metrics) {
    this.lookups = lookups;
    this.metrics = metrics;
  }

  /**
   * @throws BadRequestException when the body is not JSON: without the request's uid no answer can
   *     admit the pod, so the API server applies the webhook's failure policy.
   */
  @POST
  public String mutate(String body) {
    var timing = metrics.started();
    try {
      return answer(read(body));
    } finally {
      metrics.answered(timing);
    }
  }

  private JsonNode read(String body) {
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      metrics.failed();
      LOG.warnf("admission request refused, its body is not JSON: %s", e.getOriginalMessage());
      throw new BadRequestException(
          "the body is not an AdmissionReview: " + e.getOriginalMessage());
    }
  }

  private String answer(JsonNode review) {
    try {
      var request = review.path("request");
      // The pod of a Deployment has no namespace of its own yet: the request names it.
      var namespace = request.path("namespace").asText();
      if (!"CREATE".equals(request.path("operation").asText())
          || !PodReadinessGates.enabledIn(lookups.namespaceLabels(namespace))) {
        return AdmissionReviews.allow(mapper, review, List.of()).toString();
      }
      var pod = Serialization.unmarshal(request.path("object").toString(), Pod.class);
      var patch =
          PodReadinessGates.patch(
              pod, lookups.bindings(namespace), name -> lookups.service(namespace, name));
      if (!patch.isEmpty()) {
        metrics.injected();
      }
      return AdmissionReviews.allow(mapper, review, patch).toString();
    } catch (RuntimeException e) {
      metrics.failed();
      LOG.warnf(
          e,
          "pod %s/%s admitted without readiness gates: %s",
          review.path("request").path("namespace").asText(),
          review.path("request").path("name").asText(),
          e.getMessage());
      return AdmissionReviews.allow(mapper, review, List.of()).toString();
    }
  }
}
