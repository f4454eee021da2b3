package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsListenerTest {

  private static final String TG = "arn:aws-cn:elasticloadbalancing:cn-north-1:1:targetgroup/a/1";
  private static final String CERT = "arn:aws-cn:acm:cn-north-1:1:certificate/1";

  @Test
  void sslPolicyThatAwsReportsOnATcpListenerIsNotDrift() {
    var wanted = new AwsListener(null, 80, "TCP", List.of(), null, null, forward(TG), Map.of());
    var found =
        new AwsListener(
            "arn:l",
            80,
            "TCP",
            List.of(),
            "ELBSecurityPolicy-2016-08",
            null,
            forward(TG),
            Map.of());

    assertThat(found.sameAs(wanted)).isTrue();
  }

  @Test
  void tlsListenerWithAnotherPolicyOrCertificateDiffers() {
    var wanted =
        new AwsListener(
            null,
            443,
            "TLS",
            List.of(CERT),
            "ELBSecurityPolicy-2016-08",
            null,
            forward(TG),
            Map.of());

    assertThat(
            new AwsListener(
                    "arn:l",
                    443,
                    "TLS",
                    List.of(CERT),
                    "ELBSecurityPolicy-TLS13",
                    null,
                    forward(TG),
                    Map.of())
                .sameAs(wanted))
        .isFalse();
    assertThat(
            new AwsListener(
                    "arn:l",
                    443,
                    "TLS",
                    List.of(CERT + "0"),
                    "ELBSecurityPolicy-2016-08",
                    null,
                    forward(TG),
                    Map.of())
                .sameAs(wanted))
        .isFalse();
    assertThat(
            new AwsListener(
                    "arn:l",
                    443,
                    "TLS",
                    List.of(CERT),
                    "ELBSecurityPolicy-2016-08",
                    null,
                    forward(TG),
                    Map.of())
                .sameAs(wanted))
        .isTrue();
  }

  @Test
  void listenerForwardingToAnotherTargetGroupDiffers() {
    var wanted = new AwsListener(null, 80, "TCP", List.of(), null, null, forward(TG), Map.of());

    assertThat(
            new AwsListener("arn:l", 80, "TCP", List.of(), null, null, forward(TG + "0"), Map.of())
                .sameAs(wanted))
        .isFalse();
    assertThat(
            new AwsListener("arn:l", 80, "UDP", List.of(), null, null, forward(TG), Map.of())
                .sameAs(wanted))
        .isFalse();
  }

  private static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> forward(
      String arn) {
    return AwsActions.toAws(
        List.of(io.elbv2.operator.model.Action.Forward.to("tg")), Map.of("tg", arn));
  }
}
