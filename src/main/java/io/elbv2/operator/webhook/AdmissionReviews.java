package io.elbv2.operator.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
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

  /**
   * A body that is not an AdmissionReview: it has no request uid to answer, so it gets HTTP 400
   * instead of a review.
   */
  static final class NotAReview extends Exception {
    NotAReview(String message) {
      super(message);
    }
  }

  /**
   * The {@code admission.k8s.io/v1} AdmissionReview in {@code body}, with a request and its uid.
   */
  static JsonNode read(ObjectMapper mapper, String body) throws NotAReview {
    JsonNode review;
    try {
      review = body == null ? null : mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw new NotAReview("the body is not JSON: " + e.getOriginalMessage());
    }
    if (review == null || !review.isObject()) {
      throw new NotAReview("the body is not a JSON object");
    }
    var apiVersion = review.path("apiVersion").asText();
    var kind = review.path("kind").asText();
    if (!"admission.k8s.io/v1".equals(apiVersion) || !"AdmissionReview".equals(kind)) {
      throw new NotAReview(
          "the body is not an admission.k8s.io/v1 AdmissionReview but apiVersion '"
              + apiVersion
              + "', kind '"
              + kind
              + "'");
    }
    if (review.path("request").path("uid").asText().isEmpty()) {
      throw new NotAReview("the AdmissionReview has no request with a uid");
    }
    return review;
  }

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

  /**
   * Refuses a request whose object cannot be read, as controller-runtime answers one it cannot
   * decode: not allowed, with code 400.
   */
  static ObjectNode invalid(ObjectMapper mapper, JsonNode review, String message) {
    var response = response(mapper, review, false);
    response
        .putObject("status")
        .put("code", 400)
        .put("reason", "BadRequest")
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
