package io.elbv2.operator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Reads {@code admission.k8s.io/v1} AdmissionReview requests and writes their responses. */
final class AdmissionReviews {

  private AdmissionReviews() {}

  /** One JSON patch operation. */
  record PatchOperation(String op, String path, Object value) {}

  static ObjectNode allow(ObjectMapper mapper, JsonNode review, List<PatchOperation> patch) {
    var response = response(mapper, review, true);
    if (!patch.isEmpty()) {
      var json = mapper.valueToTree(patch).toString();
      response.put("patchType", "JSONPatch");
      response.put(
          "patch", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }
    return envelope(mapper, response);
  }

  static ObjectNode deny(ObjectMapper mapper, JsonNode review, String message) {
    var response = response(mapper, review, false);
    response
        .putObject("status")
        .put("code", 403)
        .put("reason", "Forbidden")
        .put("message", message);
    return envelope(mapper, response);
  }

  private static ObjectNode response(ObjectMapper mapper, JsonNode review, boolean allowed) {
    var response = mapper.createObjectNode();
    response.put("uid", review.path("request").path("uid").asText());
    response.put("allowed", allowed);
    return response;
  }

  private static ObjectNode envelope(ObjectMapper mapper, ObjectNode response) {
    var review = mapper.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    review.set("response", response);
    return review;
  }
}
