package io.elbv2.operator.ingress;

import static io.elbv2.operator.ingress.AlbModelBuilderTest.ingress;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.path;
import static io.elbv2.operator.ingress.AlbModelBuilderTest.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.discovery.FixedTargetGroups;
import io.elbv2.operator.model.Action;
import io.elbv2.operator.model.Action.WeightedTargetGroup;
import io.elbv2.operator.model.InvalidAnnotationException;
import io.elbv2.operator.model.Stack;
import io.elbv2.operator.model.TargetGroupSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Actions of backends whose port is named {@code use-annotation}, from the Ingress's {@code
 * actions.<name>} annotation, as the Go controller builds them.
 */
class AlbActionsTest {

  private static final String ACTIONS = AnnotatedActions.PREFIX;
  private static final String OUTSIDE =
      "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:targetgroup/legacy/0123456789abcdef";
  private static final String NAMED =
      "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:targetgroup/blue/fedcba9876543210";

  @Test
  void aFixedResponseActionAnswersThePathWithItsCodeTypeAndBody() {
    var stack =
        build(
            annotated(
                "maintenance",
                "{\"type\":\"fixed-response\",\"fixedResponseConfig\":{\"contentType\":\"text/plain\","
                    + "\"statusCode\":\"503\",\"messageBody\":\"back soon\"}}"));

    assertThat(stack.rules())
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.actions())
                    .containsExactly(new Action.FixedResponse(503, "text/plain", "back soon")));
    assertThat(stack.targetGroups()).isEmpty();
  }

  @Test
  void aRedirectActionSetsOnlyWhatItNamesAndKeepsTheRestOfTheRequest() {
    var stack =
        build(
            annotated(
                "moved",
                "{\"type\":\"redirect\",\"redirectConfig\":{\"host\":\"new.example.com\","
                    + "\"protocol\":\"HTTPS\",\"port\":\"443\",\"statusCode\":\"HTTP_301\"}}"));

    assertThat(stack.rules().get(0).actions())
        .containsExactly(
            new Action.Redirect("HTTPS", "new.example.com", "443", null, null, "HTTP_301"));
  }

  @Test
  void aWeightedForwardOverTwoServicesGetsATargetGroupAndBindingForEachAndStickiness() {
    var stack =
        build(
            annotated(
                "split",
                "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                    + "{\"serviceName\":\"web\",\"servicePort\":80,\"weight\":80},"
                    + "{\"serviceName\":\"api\",\"servicePort\":\"80\",\"weight\":20}],"
                    + "\"targetGroupStickinessConfig\":{\"enabled\":true,\"durationSeconds\":200}}}"));

    assertThat(stack.targetGroups())
        .extracting(TargetGroupSpec::resourceId)
        .containsExactly("shop/web-web:80", "shop/web-api:80");
    assertThat(stack.bindings())
        .extracting(b -> b.serviceName())
        .containsExactlyInAnyOrder("web", "api");
    assertThat(stack.rules().get(0).actions())
        .containsExactly(
            new Action.Forward(
                List.of(
                    new WeightedTargetGroup("shop/web-web:80", 80),
                    new WeightedTargetGroup("shop/web-api:80", 20)),
                200));
  }

  @Test
  void aForwardToATargetGroupByArnOrByNameMakesNoTargetGroupOfItsOwn() {
    var byArn =
        build(annotated("legacy", "{\"type\":\"forward\",\"targetGroupARN\":\"" + OUTSIDE + "\"}"));
    var byName = build(annotated("blue", "{\"type\":\"forward\",\"targetGroupName\":\"blue\"}"));

    assertThat(byArn.rules().get(0).actions()).containsExactly(Action.Forward.to(OUTSIDE));
    assertThat(byName.rules().get(0).actions()).containsExactly(Action.Forward.to(NAMED));
    assertThat(byArn.targetGroups()).isEmpty();
    assertThat(byName.bindings()).isEmpty();
  }

  @Test
  void fieldNamesMatchInAnyCaseAsTheGoControllersDecoderMatchesThem() {
    var stack =
        build(annotated("legacy", "{\"Type\":\"forward\",\"targetGroupArn\":\"" + OUTSIDE + "\"}"));

    assertThat(stack.rules().get(0).actions()).containsExactly(Action.Forward.to(OUTSIDE));
  }

  @Test
  void aBackendThatUsesAnAnnotationTheIngressLacksAnswers503AsTheGoControllerDoes() {
    var ingress = ingress("shop", "web", Map.of(), rule(null, usingAnnotation("/", "nowhere")));

    assertThat(build(ingress).rules().get(0).actions())
        .containsExactly(
            new Action.FixedResponse(503, "text/plain", "Backend action does not exist"));
  }

  @Test
  void aForwardToOneServiceThatDoesNotExistAnswers503AndToOneOfTwoIsRefused() {
    var one =
        annotated(
            "gone",
            "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                + "{\"serviceName\":\"missing\",\"servicePort\":80}]}}");
    var oneOfTwo =
        annotated(
            "gone",
            "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                + "{\"serviceName\":\"web\",\"servicePort\":80,\"weight\":1},"
                + "{\"serviceName\":\"missing\",\"servicePort\":80,\"weight\":1}]}}");

    assertThat(build(one).rules().get(0).actions())
        .containsExactly(
            new Action.FixedResponse(503, "text/plain", "Backend service does not exist"));
    assertThatThrownBy(() -> build(oneOfTwo))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessage(ACTIONS + "gone: Service shop/missing not found");
  }

  @Test
  void aDefaultBackendThatUsesAnAnnotationIsTheListenersDefaultAction() {
    var ingress =
        new IngressBuilder(
                ingress(
                    "shop",
                    "web",
                    Map.of(
                        ACTIONS + "teapot",
                        "{\"type\":\"fixed-response\",\"fixedResponseConfig\":{\"statusCode\":\"418\"}}"),
                    rule(null, path("/", "Prefix", "web", 80))))
            .editSpec()
            .withNewDefaultBackend()
            .withNewService()
            .withName("teapot")
            .withNewPort()
            .withName("use-annotation")
            .endPort()
            .endService()
            .endDefaultBackend()
            .endSpec()
            .build();

    assertThat(build(ingress).listeners().get(0).defaultActions())
        .containsExactly(new Action.FixedResponse(418, null, null));
  }

  @Test
  void theServicesAForwardNamesAreBackendsOfTheIngress() {
    var ingress =
        annotated(
            "split",
            "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                + "{\"serviceName\":\"web\",\"servicePort\":80,\"weight\":1},"
                + "{\"serviceName\":\"api\",\"servicePort\":80,\"weight\":1}]}}");

    assertThat(IngressBackends.names(ingress)).contains("web", "api");
  }

  static Stream<List<String>> refusedActions() {
    return Stream.of(
        List.of("{\"type\":\"teleport\"}", "unknown action type: teleport"),
        List.of("{\"type\":\"fixed-response\"}", "missing FixedResponseConfig"),
        List.of(
            "{\"type\":\"fixed-response\",\"fixedResponseConfig\":{}}",
            "invalid FixedResponseConfig: statusCode is required"),
        List.of(
            "{\"type\":\"fixed-response\",\"fixedResponseConfig\":{\"statusCode\":\"302\"}}",
            "must be a 2XX, 4XX or 5XX code: 302"),
        List.of(
            "{\"type\":\"fixed-response\",\"fixedResponseConfig\":{\"statusCode\":\"200\","
                + "\"contentType\":\"image/png\"}}",
            "contentType must be one of"),
        List.of("{\"type\":\"redirect\"}", "missing RedirectConfig"),
        List.of(
            "{\"type\":\"redirect\",\"redirectConfig\":{\"statusCode\":\"HTTP_307\"}}",
            "redirect statusCode must be HTTP_301 or HTTP_302: HTTP_307"),
        List.of(
            "{\"type\":\"forward\"}", "missing ForwardConfig or TargetGroupARN/TargetGroupName"),
        List.of(
            "{\"type\":\"forward\",\"targetGroupName\":\"blue\",\"forwardConfig\":{}}",
            "either ForwardConfig or TargetGroupARN/TargetGroupName can be specified"),
        List.of(
            "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                + "{\"serviceName\":\"web\",\"servicePort\":80},"
                + "{\"serviceName\":\"api\",\"servicePort\":80}]}}",
            "weight must be set when route to multiple target groups"),
        List.of(
            "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"weight\":1}]}}",
            "missing serviceName or targetGroupARN/targetGroupName"),
        List.of(
            "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                + "{\"serviceName\":\"web\",\"servicePort\":80,\"targetGroupName\":\"blue\"}]}}",
            "either serviceName or targetGroupARN/targetGroupName can be specified"),
        List.of(
            "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"web\"}]}}",
            "missing servicePort"),
        List.of(
            "{\"type\":\"forward\",\"targetGroupName\":\"green\"}",
            "searching TargetGroup with name green: not found"),
        List.of(
            "{\"type\":\"forward\",\"targetGroupARN\":\"sg-0123\"}",
            "targetGroupARN is not a target group's ARN: sg-0123"),
        List.of(
            "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                + "{\"serviceName\":\"web\",\"servicePort\":80}],"
                + "\"targetGroupStickinessConfig\":{\"enabled\":true}}}",
            "durationSeconds must be within [1, 604800] when enabled"),
        List.of(
            "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                + "{\"serviceName\":\"web\",\"servicePort\":80,\"weight\":1000}]}}",
            "weight must be within [0, 999]: 1000"),
        List.of("{\"type\": ", "failed to parse actions.bad"));
  }

  @ParameterizedTest
  @MethodSource("refusedActions")
  void aBadActionIsRefusedNamingItsAnnotation(List<String> action) {
    assertThatThrownBy(() -> build(annotated("bad", action.get(0))))
        .isInstanceOf(InvalidAnnotationException.class)
        .hasMessageStartingWith(ACTIONS + "bad: ")
        .hasMessageContaining(action.get(1));
  }

  @Test
  void moreThanFiveTargetGroupsInOneActionAreRefused() {
    var groups = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      groups
          .append(i == 0 ? "" : ",")
          .append("{\"serviceName\":\"svc-" + i + "\",\"servicePort\":80,\"weight\":1}");
    }
    assertThatThrownBy(
            () ->
                build(
                    annotated(
                        "wide",
                        "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":["
                            + groups
                            + "]}}")))
        .hasMessageContaining("at most 5 target groups per action");
  }

  /** An Ingress whose one path uses the action {@code name} that the annotation gives. */
  private static Ingress annotated(String name, String action) {
    return ingress(
        "shop", "web", Map.of(ACTIONS + name, action), rule(null, usingAnnotation("/", name)));
  }

  private static HTTPIngressPath usingAnnotation(String path, String name) {
    return new HTTPIngressPathBuilder()
        .withPath(path)
        .withPathType("Prefix")
        .withNewBackend()
        .withNewService()
        .withName(name)
        .withNewPort()
        .withName("use-annotation")
        .endPort()
        .endService()
        .endBackend()
        .build();
  }

  private static Stack build(Ingress ingress) {
    var base = AlbModelBuilderTest.CONTEXT;
    var context =
        new AlbContext(
            base.clusterName(),
            base.vpcId(),
            base.defaultTags(),
            base.externalManagedTags(),
            base.subnets(),
            base.defaultTagsLowPriority(),
            base.singleSubnet(),
            base.certificates(),
            base.sslPolicies(),
            new FixedTargetGroups(Map.of("blue", NAMED)));
    return AlbModelBuilder.build(
        IngressGroup.of(IngressGroup.idOf(ingress), List.of(ingress)),
        AlbModelBuilderTest::serviceOf,
        context);
  }
}
