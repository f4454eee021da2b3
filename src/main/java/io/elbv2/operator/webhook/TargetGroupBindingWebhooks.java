package io.elbv2.operator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbv2.operator.config.OperatorSettings;
import io.elbv2.operator.targetgroupbinding.BindingProblem;
import io.elbv2.operator.targetgroupbinding.TargetGroupApi;
import io.elbv2.operator.targetgroupbinding.TargetGroupBinding;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingSpec;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.logging.Logger;

/** The admission webhooks for TargetGroupBindings, at the Go controller's paths. */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TargetGroupBindingWebhooks {

  private static final Logger LOG = Logger.getLogger(TargetGroupBindingWebhooks.class);

  private final ObjectMapper mapper = new ObjectMapper();
  private final TargetGroupBindingAdmission admission;

  TargetGroupBindingWebhooks(TargetGroupApi targetGroups, OperatorSettings settings) {
    this.admission = new TargetGroupBindingAdmission(targetGroups::find, settings.vpcId());
  }

  @POST
  @Path("mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding")
  public String mutate(String body) throws Exception {
    var review = mapper.readTree(body);
    try {
      var spec = spec(review.path("request").path("object"));
      return AdmissionReviews.allow(mapper, review, admission.defaults(spec)).toString();
    } catch (BindingProblem problem) {
      return AdmissionReviews.deny(mapper, review, problem.getMessage()).toString();
    }
  }

  @POST
  @Path("validate-elbv2-k8s-aws-v1beta1-targetgroupbinding")
  public String validate(String body) throws Exception {
    var review = mapper.readTree(body);
    var request = review.path("request");
    var spec = spec(request.path("object"));
    var refusal =
        "UPDATE".equals(request.path("operation").asText())
            ? admission.refuseUpdate(spec(request.path("oldObject")), spec)
            : admission.refuseCreate(spec);
    if (refusal.isPresent()) {
      LOG.infof(
          "refused TargetGroupBinding %s/%s: %s",
          request.path("namespace").asText(), request.path("name").asText(), refusal.get());
      return AdmissionReviews.deny(mapper, review, refusal.get()).toString();
    }
    return AdmissionReviews.allow(mapper, review, List.of()).toString();
  }

  private static TargetGroupBindingSpec spec(JsonNode object) {
    return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
            object.toString(), TargetGroupBinding.class)
        .getSpec();
  }
}
