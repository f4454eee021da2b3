package io.elbv2.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.targetgroupbinding.TargetGroup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each shape of body gets from the TargetGroupBinding webhooks, as the API server sees it. */
class TargetGroupBindingWebhooksTest {

  private static final String ARN =
      "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/web/0123456789abcdef";
  private static final TargetGroup GROUP =
      new TargetGroup(ARN, "web", TargetType.IP, "TCP", "vpc-0cluster0000000a", false);

  private static final String BINDING =
      """
      {"apiVersion": "elbv2.k8s.aws/v1beta1", "kind": "TargetGroupBinding",
       "metadata": {"name": "web", "namespace": "shop"},
       "spec": {"targetGroupARN": "%s", "serviceRef": {"name": "web", "port": 80}}}
      """
          .formatted(ARN);
  private static final String NO_SPEC =
      """
      {"apiVersion": "elbv2.k8s.aws/v1beta1", "kind": "TargetGroupBinding",
       "metadata": {"name": "web", "namespace": "shop"}}
      """;
  private static final String POD =
      """
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-1", "namespace": "shop"},
       "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}
      """;

  private final ObjectMapper mapper = new ObjectMapper();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<LogRecord> logged = new ArrayList<>();
  private final Logger log = Logger.getLogger(TargetGroupBindingWebhooks.class.getName());
  private final Handler recorder =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void recordTheLog() {
    log.addHandler(recorder);
  }

  @AfterEach
  void stopRecording() {
    log.removeHandler(recorder);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"request\": {\"uid\": ",
        "",
        "[1, 2]",
        "{\"hello\": \"world\"}",
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\"}",
        "{\"apiVersion\": \"elbv2.k8s.aws/v1beta1\", \"kind\": \"TargetGroupBinding\","
            + " \"request\": {\"uid\": \"1\"}}"
      })
  void aBodyThatIsNotAnAdmissionReviewIsABadRequestWithoutAStackTrace(String body) {
    var webhooks = webhooks(spec -> GROUP);

    for (var response : List.of(webhooks.mutate(body), webhooks.validate(body))) {
      assertThat(response.getStatus()).isEqualTo(400);
      assertThat((String) response.getEntity()).startsWith("the ");
    }
    assertThat(failures("awslbc.webhook.mutation.failure", "decodeRequest")).isEqualTo(1);
    assertThat(failures("awslbc.webhook.validation.failure", "decodeRequest")).isEqualTo(1);
    assertThat(logged).isNotEmpty().allSatisfy(record -> assertThat(record.getThrown()).isNull());
  }

  @Test
  void aReviewOfAnotherKindIsDeniedAsInvalid() throws Exception {
    var webhooks = webhooks(spec -> GROUP);

    for (var response :
        List.of(webhooks.mutate(review("CREATE", POD)), webhooks.validate(review("CREATE", POD)))) {
      var answer = answer(response);
      assertThat(answer.path("uid").asText()).isEqualTo("b5c2");
      assertThat(answer.path("allowed").asBoolean()).isFalse();
      assertThat(answer.path("status").path("code").asInt()).isEqualTo(400);
      assertThat(answer.path("status").path("message").asText())
          .isEqualTo("expected a TargetGroupBinding, got Pod");
    }
    assertThat(logged).allSatisfy(record -> assertThat(record.getThrown()).isNull());
  }

  @Test
  void aBindingWithoutSpecIsDeniedAsInvalidNamingWhatItNeeds() throws Exception {
    var webhooks = webhooks(spec -> GROUP);

    for (var response :
        List.of(
            webhooks.mutate(review("CREATE", NO_SPEC)),
            webhooks.validate(review("CREATE", NO_SPEC)))) {
      var answer = answer(response);
      assertThat(answer.path("allowed").asBoolean()).isFalse();
      assertThat(answer.path("status").path("code").asInt()).isEqualTo(400);
      assertThat(answer.path("status").path("message").asText())
          .isEqualTo(
              "TargetGroupBinding web has no spec: it needs spec.serviceRef and"
                  + " spec.targetGroupARN or spec.targetGroupName");
    }
    assertThat(failures("awslbc.webhook.mutation.failure", "decodeRequest")).isEqualTo(1);
    assertThat(failures("awslbc.webhook.validation.failure", "decodeRequest")).isEqualTo(1);
  }

  @Test
  void aBindingThatCannotBeReadIsDeniedAsInvalidWithJacksonsReason() throws Exception {
    var bogus = BINDING.replace("\"serviceRef\"", "\"targetType\": \"pods\", \"serviceRef\"");

    var answer = answer(webhooks(spec -> GROUP).validate(review("CREATE", bogus)));

    assertThat(answer.path("allowed").asBoolean()).isFalse();
    assertThat(answer.path("status").path("code").asInt()).isEqualTo(400);
    assertThat(answer.path("status").path("message").asText())
        .startsWith("the TargetGroupBinding cannot be read: ")
        .contains("pods")
        .doesNotContain("Source:");
  }

  @Test
  void anAwsErrorDeniesNamingTheTargetGroupAndLogsOneWarningWithoutAStackTrace() throws Exception {
    var webhooks =
        webhooks(
            spec -> {
              throw TargetGroupBindingAdmissionTest.awsError("Throttling", "Rate exceeded", 400, 3);
            });

    for (var response :
        List.of(
            webhooks.mutate(review("CREATE", BINDING)),
            webhooks.validate(review("CREATE", BINDING)))) {
      assertThat(response.getStatus()).isEqualTo(200);
      var answer = answer(response);
      assertThat(answer.path("uid").asText()).isEqualTo("b5c2");
      assertThat(answer.path("allowed").asBoolean()).isFalse();
      assertThat(answer.path("status").path("code").asInt()).isEqualTo(403);
      assertThat(answer.path("status").path("message").asText())
          .isEqualTo(
              "target group "
                  + ARN
                  + " could not be read from AWS: Throttling: Rate exceeded (HTTP 400, after 3"
                  + " attempts)");
    }
    assertThat(failures("awslbc.webhook.mutation.failure", "getTargetGroupFromAWS")).isEqualTo(1);
    assertThat(failures("awslbc.webhook.validation.failure", "getTargetGroupFromAWS")).isEqualTo(1);
    assertThat(logged)
        .hasSize(2)
        .allSatisfy(
            record -> {
              assertThat(record.getLevel().getName()).isEqualTo("WARN");
              assertThat(record.getThrown()).isNull();
              assertThat(record.getMessage()).contains("shop/web", "Throttling");
            });
  }

  @Test
  void aBindingOfAnExistingTargetGroupIsFilledInAndAllowed() throws Exception {
    var webhooks = webhooks(spec -> GROUP);

    var mutated = answer(webhooks.mutate(review("CREATE", BINDING)));
    var validated = answer(webhooks.validate(review("CREATE", BINDING)));

    assertThat(mutated.path("allowed").asBoolean()).isTrue();
    assertThat(
            mapper.readTree(
                new String(
                    Base64.getDecoder().decode(mutated.path("patch").asText()),
                    StandardCharsets.UTF_8)))
        .isEqualTo(
            mapper.readTree(
                """
                [{"op": "add", "path": "/spec/targetType", "value": "ip"},
                 {"op": "add", "path": "/spec/ipAddressType", "value": "ipv4"},
                 {"op": "add", "path": "/spec/vpcID", "value": "vpc-0cluster0000000a"},
                 {"op": "add", "path": "/spec/targetGroupProtocol", "value": "TCP"}]
                """));
    assertThat(validated.path("allowed").asBoolean()).isTrue();
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void updatesAndDeletionsAreMutatedWithoutAskingAws() throws Exception {
    var lookUps = new AtomicInteger();
    var webhooks =
        webhooks(
            spec -> {
              lookUps.incrementAndGet();
              throw TargetGroupBindingAdmissionTest.awsError(
                  "ServiceUnavailable", "Service is unavailable", 503, 1);
            });

    for (var body : List.of(update(BINDING, BINDING), review("DELETE", BINDING))) {
      var answer = answer(webhooks.mutate(body));
      assertThat(answer.path("allowed").asBoolean()).isTrue();
      assertThat(answer.has("patch")).isFalse();
    }
    assertThat(answer(webhooks.validate(update(BINDING, BINDING))).path("allowed").asBoolean())
        .isTrue();
    assertThat(lookUps).hasValue(0);
  }

  @Test
  void aChangeOfAnImmutableFieldIsDeniedAndCounted() throws Exception {
    var instance =
        BINDING.replace("\"serviceRef\"", "\"targetType\": \"instance\", \"serviceRef\"");
    var ip = BINDING.replace("\"serviceRef\"", "\"targetType\": \"ip\", \"serviceRef\"");

    var answer = answer(webhooks(spec -> GROUP).validate(update(ip, instance)));

    assertThat(answer.path("allowed").asBoolean()).isFalse();
    assertThat(answer.path("status").path("message").asText())
        .isEqualTo("TargetGroupBinding update may not change these fields: spec.targetType");
    assertThat(failures("awslbc.webhook.validation.failure", "checkImmutableFields")).isEqualTo(1);
  }

  private TargetGroupBindingWebhooks webhooks(
      Function<TargetGroupBindingSpec, TargetGroup> lookUp) {
    return new TargetGroupBindingWebhooks(
        new TargetGroupBindingAdmission(lookUp, Optional.of("vpc-0cluster0000000a")),
        new TargetGroupBindingWebhookMetrics(registry));
  }

  /** An AdmissionReview as the API server sends it. */
  private static String review(String operation, String object) {
    return """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "b5c2",
          "kind": {"group": "elbv2.k8s.aws", "version": "v1beta1", "kind": "TargetGroupBinding"},
          "resource": {"group": "elbv2.k8s.aws", "version": "v1beta1",
           "resource": "targetgroupbindings"},
          "name": "web", "namespace": "shop", "operation": "%s",
          "userInfo": {"username": "kubernetes-admin"},
          "object": %s, "dryRun": false}}
        """
        .formatted(operation, object.strip());
  }

  private static String update(String old, String updated) {
    return review("UPDATE", updated)
        .replace("\"dryRun\"", "\"oldObject\": " + old.strip() + ", \"dryRun\"");
  }

  private JsonNode answer(Response response) throws Exception {
    assertThat(response.getStatus()).isEqualTo(200);
    var review = mapper.readTree((String) response.getEntity());
    assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
    return review.path("response");
  }

  private double failures(String name, String category) {
    var counter = registry.find(name).tag("error_category", category).counter();
    return counter == null ? 0 : counter.count();
  }
}
