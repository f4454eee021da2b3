package io.elbv2.operator.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.aws.DeadlineCalls;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.targetgroupbinding.TargetGroup;
import io.elbv2.operator.targetgroupbinding.TargetGroupApi;
import io.elbv2.operator.webhook.AdmissionReviews.NotAReview;
import io.elbv2.operator.webhook.TargetGroupBindingAdmission.Denial;
import io.elbv2.operator.webhook.TargetGroupBindingAdmission.Denied;
import io.fabric8.kubernetes.client.utils.Serialization;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The admission webhooks for TargetGroupBindings, at the Go controller's paths. A body that is not
 * an AdmissionReview gets HTTP 400; every review gets HTTP 200 with an answer: allowed, or denied
 * with the reason (code 400 when its object is not a readable TargetGroupBinding, 403 when a check
 * or the target group's look-up denies it). Denials are counted in {@link
 * TargetGroupBindingWebhookMetrics}.
 */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TargetGroupBindingWebhooks {

  public static final String MUTATE_PATH = "/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding";
  public static final String VALIDATE_PATH = "/validate-elbv2-k8s-aws-v1beta1-targetgroupbinding";

  /**
   * The time the API server gives each of these webhooks (the chart's {@code timeoutSeconds}, which
   * is also the API server's default and the Go controller chart's).
   */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long a webhook's look-up of the target group may take, retries included: within {@link
   * #TIMEOUT}, with time left to answer, so that the user reads AWS's error instead of the API
   * server's "context deadline exceeded".
   */
  public static final Duration AWS_CALL_BUDGET = TIMEOUT.minusSeconds(2);

  private static final Logger LOG = Logger.getLogger(TargetGroupBindingWebhooks.class);
  private static final String KIND = "TargetGroupBinding";

  private final ObjectMapper mapper = new ObjectMapper();
  private final TargetGroupBindingAdmission admission;
  private final TargetGroupBindingWebhookMetrics metrics;

  @Inject
  TargetGroupBindingWebhooks(
      TargetGroupApi targetGroups,
      OperatorSettings settings,
      TargetGroupBindingWebhookMetrics metrics) {
    this(
        new TargetGroupBindingAdmission(lookUp(targetGroups, settings), settings.vpcId()), metrics);
  }

  TargetGroupBindingWebhooks(
      TargetGroupBindingAdmission admission, TargetGroupBindingWebhookMetrics metrics) {
    this.admission = admission;
    this.metrics = metrics;
  }

  private static Function<TargetGroupBindingSpec, TargetGroup> lookUp(
      TargetGroupApi targetGroups, OperatorSettings settings) {
    var budget =
        settings.awsCallTimeout().compareTo(AWS_CALL_BUDGET) < 0
            ? settings.awsCallTimeout()
            : AWS_CALL_BUDGET;
    var call = DeadlineCalls.within(budget, settings.awsAttemptTimeout());
    return spec -> targetGroups.find(spec, call);
  }

  /** Fills a new binding in from its target group; other operations pass unchanged, as in Go. */
  @POST
  @Path(MUTATE_PATH)
  public Response mutate(String body) {
    JsonNode review;
    try {
      review = AdmissionReviews.read(mapper, body);
    } catch (NotAReview e) {
      return notAReview(MUTATE_PATH, e, metrics::mutationFailed);
    }
    var request = review.path("request");
    if (!"CREATE".equals(request.path("operation").asText())) {
      return answer(AdmissionReviews.allow(mapper, review, List.of()));
    }
    try {
      var spec = spec(request, "object");
      return answer(AdmissionReviews.allow(mapper, review, admission.defaults(spec)));
    } catch (InvalidObject e) {
      return invalid(MUTATE_PATH, review, e, metrics::mutationFailed);
    } catch (Denied denied) {
      return deny(review, denied.denial(), metrics::mutationFailed);
    }
  }

  @POST
  @Path(VALIDATE_PATH)
  public Response validate(String body) {
    JsonNode review;
    try {
      review = AdmissionReviews.read(mapper, body);
    } catch (NotAReview e) {
      return notAReview(VALIDATE_PATH, e, metrics::validationFailed);
    }
    var request = review.path("request");
    try {
      var denial =
          switch (request.path("operation").asText()) {
            case "CREATE" -> admission.refuseCreate(spec(request, "object"));
            case "UPDATE" ->
                admission.refuseUpdate(spec(request, "oldObject"), spec(request, "object"));
            default -> Optional.<Denial>empty();
          };
      if (denial.isPresent()) {
        return deny(review, denial.get(), metrics::validationFailed);
      }
      return answer(AdmissionReviews.allow(mapper, review, List.of()));
    } catch (InvalidObject e) {
      return invalid(VALIDATE_PATH, review, e, metrics::validationFailed);
    }
  }

  private Response deny(JsonNode review, Denial denial, Consumer<String> failed) {
    failed.accept(denial.check());
    var request = review.path("request");
    // A target group AWS could not tell about is worth a warning; other denials are the user's.
    var level =
        TargetGroupBindingAdmission.GET_TARGET_GROUP.equals(denial.check())
            ? Logger.Level.WARN
            : Logger.Level.INFO;
    LOG.logf(
        level,
        "refused TargetGroupBinding %s/%s: %s",
        request.path("namespace").asText(),
        request.path("name").asText(),
        denial.message());
    return answer(AdmissionReviews.deny(mapper, review, denial.message()));
  }

  private Response invalid(String path, JsonNode review, InvalidObject e, Consumer<String> failed) {
    failed.accept(TargetGroupBindingWebhookMetrics.DECODE_REQUEST);
    LOG.warnf("%s refused a request whose object cannot be read: %s", path, e.getMessage());
    return answer(AdmissionReviews.invalid(mapper, review, e.getMessage()));
  }

  private static Response notAReview(String path, NotAReview e, Consumer<String> failed) {
    failed.accept(TargetGroupBindingWebhookMetrics.DECODE_REQUEST);
    LOG.warnf("%s answered HTTP 400, %s", path, e.getMessage());
    return Response.status(Response.Status.BAD_REQUEST)
        .type(MediaType.TEXT_PLAIN_TYPE)
        .entity(e.getMessage())
        .build();
  }

  private static Response answer(JsonNode review) {
    return Response.ok(review.toString(), MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** The spec of the TargetGroupBinding in the request's {@code field}. */
  private static TargetGroupBindingSpec spec(JsonNode request, String field) throws InvalidObject {
    var object = request.path(field);
    if (!object.isObject()) {
      throw new InvalidObject("the request has no " + field);
    }
    var kind = object.path("kind").asText(request.path("kind").path("kind").asText());
    if (!KIND.equals(kind)) {
      throw new InvalidObject(
          "expected a TargetGroupBinding, got " + (kind.isEmpty() ? "an object of no kind" : kind));
    }
    TargetGroupBinding binding;
    try {
      binding = Serialization.unmarshal(object.toString(), TargetGroupBinding.class);
    } catch (RuntimeException e) {
      throw new InvalidObject("the TargetGroupBinding cannot be read: " + reason(e));
    }
    if (binding == null || binding.getSpec() == null) {
      throw new InvalidObject(
          "TargetGroupBinding "
              + object.path("metadata").path("name").asText()
              + " has no spec: it needs spec.serviceRef and spec.targetGroupARN or"
              + " spec.targetGroupName");
    }
    return binding.getSpec();
  }

  private static String reason(Throwable e) {
    for (var cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonProcessingException json) {
        return json.getOriginalMessage();
      }
    }
    return e.getMessage();
  }

  /** The request's object is not a TargetGroupBinding that can be read. */
  private static final class InvalidObject extends Exception {
    InvalidObject(String message) {
      super(message);
    }
  }
}
