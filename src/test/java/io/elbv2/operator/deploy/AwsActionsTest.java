package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.model.Action.FixedResponse;
import io.elbv2.operator.model.Action.Forward;
import io.elbv2.operator.model.Action.Redirect;
import io.elbv2.operator.model.Action.WeightedTargetGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

class AwsActionsTest {

  private static final String A = "arn:aws-cn:elasticloadbalancing:cn-north-1:1:targetgroup/a/1";
  private static final String B = "arn:aws-cn:elasticloadbalancing:cn-north-1:1:targetgroup/b/2";
  private static final Map<String, String> ARNS = Map.of("ns/web:80", A, "ns/canary:80", B);

  @Test
  void forwardToOneGroupIsWrittenByArnAndMatchesTheWeightedFormAwsReturns() {
    var written = AwsActions.toAws(List.of(Forward.to("ns/web:80")), ARNS);
    var returned =
        Action.builder()
            .type(ActionTypeEnum.FORWARD)
            .order(1)
            .targetGroupArn(A)
            .forwardConfig(
                ForwardActionConfig.builder()
                    .targetGroups(TargetGroupTuple.builder().targetGroupArn(A).weight(1).build())
                    .targetGroupStickinessConfig(
                        TargetGroupStickinessConfig.builder().enabled(false).build())
                    .build())
            .build();

    assertThat(written).singleElement().satisfies(a -> assertThat(a.targetGroupArn()).isEqualTo(A));
    assertThat(AwsActions.same(List.of(returned), written)).isTrue();
    assertThat(AwsActions.targetGroupArns(written)).containsExactly(A);
  }

  @Test
  void weightedForwardWithStickinessDiffersByWeightButNotByTheOrderOfItsGroups() {
    var wanted =
        AwsActions.toAws(
            List.of(
                new Forward(
                    List.of(
                        new WeightedTargetGroup("ns/web:80", 90),
                        new WeightedTargetGroup("ns/canary:80", 10)),
                    60)),
            ARNS);
    var reordered =
        AwsActions.toAws(
            List.of(
                new Forward(
                    List.of(
                        new WeightedTargetGroup("ns/canary:80", 10),
                        new WeightedTargetGroup("ns/web:80", 90)),
                    60)),
            ARNS);
    var reweighted =
        AwsActions.toAws(
            List.of(
                new Forward(
                    List.of(
                        new WeightedTargetGroup("ns/web:80", 50),
                        new WeightedTargetGroup("ns/canary:80", 50)),
                    60)),
            ARNS);

    assertThat(wanted.get(0).forwardConfig().targetGroupStickinessConfig().durationSeconds())
        .isEqualTo(60);
    assertThat(AwsActions.same(reordered, wanted)).isTrue();
    assertThat(AwsActions.same(reweighted, wanted)).isFalse();
  }

  @Test
  void redirectMatchesTheDefaultsAwsFillsIn() {
    var wanted =
        AwsActions.toAws(List.of(new Redirect("HTTPS", null, "443", null, null, "HTTP_301")), ARNS);
    var returned =
        Action.builder()
            .type(ActionTypeEnum.REDIRECT)
            .order(1)
            .redirectConfig(
                RedirectActionConfig.builder()
                    .protocol("HTTPS")
                    .host("#{host}")
                    .port("443")
                    .path("/#{path}")
                    .query("#{query}")
                    .statusCode("HTTP_301")
                    .build())
            .build();

    assertThat(AwsActions.same(List.of(returned), wanted)).isTrue();
  }

  @Test
  void fixedResponseDiffersByStatusCode() {
    var notFound = AwsActions.toAws(List.of(new FixedResponse(404, "text/plain", null)), ARNS);
    var unavailable = AwsActions.toAws(List.of(new FixedResponse(503, "text/plain", null)), ARNS);

    assertThat(notFound.get(0).fixedResponseConfig().statusCode()).isEqualTo("404");
    assertThat(AwsActions.same(notFound, unavailable)).isFalse();
    assertThat(AwsActions.same(notFound, notFound)).isTrue();
  }
}
