package io.elbv2.operator.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.testing.iam.AwsCalls;
import io.elbv2.operator.testing.iam.IamPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IAM policies users install, applied to the calls the operator makes, as AWS applies them. The
 * integration tests apply the same evaluation to every call they see.
 */
class IamPolicyTest {

  private static final String REGION = "cn-north-1";
  private static final String LB =
      "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:loadbalancer/app/k8s-shop-web-0123456789/50dc6c495c0c9188";
  private static final String LISTENER =
      LB.replace(":loadbalancer/", ":listener/") + "/f2f7dc8efc522ab2";
  private static final String RULE =
      LISTENER.replace(":listener/", ":listener-rule/") + "/9683b2d02a6cabee";
  private static final String CLUSTER_TAG = "elbv2.k8s.aws/cluster";

  /** The tags moto would report: owned objects carry the cluster tag, foreign ones do not. */
  private static final Map<String, Map<String, String>> TAGS =
      Map.of(
          LB,
          Map.of(CLUSTER_TAG, "prod"),
          LISTENER,
          Map.of(),
          RULE,
          Map.of(),
          "arn:aws:ec2:cn-north-1:123456789012:security-group/sg-0owned",
          Map.of(CLUSTER_TAG, "prod"),
          "arn:aws-cn:ec2:cn-north-1:123456789012:security-group/sg-0owned",
          Map.of(CLUSTER_TAG, "prod"),
          "arn:aws-cn:ec2:cn-north-1:123456789012:security-group/sg-0foreign",
          Map.of());

  record Call(String name, String service, Map<String, String> parameters, boolean allowed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Call> calls() {
    return List.of(
        new Call(
            "a listener's tags change after it was made",
            "elasticloadbalancing",
            params(
                "AddTags",
                "ResourceArns.member.1",
                LISTENER,
                "Tags.member.1.Key",
                "ingress.k8s.aws/resource",
                "Tags.member.1.Value",
                "443"),
            true),
        new Call(
            "a moved rule's priority tag is rewritten",
            "elasticloadbalancing",
            params(
                "AddTags",
                "ResourceArns.member.1",
                RULE,
                "Tags.member.1.Key",
                "ingress.k8s.aws/resource",
                "Tags.member.1.Value",
                "443:3"),
            true),
        new Call(
            "a tag is removed from a listener and a rule",
            "elasticloadbalancing",
            params(
                "RemoveTags",
                "ResourceArns.member.1",
                LISTENER,
                "ResourceArns.member.2",
                RULE,
                "TagKeys.member.1",
                "team"),
            true),
        new Call(
            "an owned load balancer's tag changes",
            "elasticloadbalancing",
            params(
                "AddTags",
                "ResourceArns.member.1",
                LB,
                "Tags.member.1.Key",
                "team",
                "Tags.member.1.Value",
                "web"),
            true),
        new Call(
            "an existing load balancer cannot be given a cluster tag",
            "elasticloadbalancing",
            params(
                "AddTags",
                "ResourceArns.member.1",
                LB,
                "Tags.member.1.Key",
                CLUSTER_TAG,
                "Tags.member.1.Value",
                "other"),
            false),
        new Call(
            "a load balancer is made with the cluster tag",
            "elasticloadbalancing",
            params(
                "CreateLoadBalancer",
                "Name",
                "k8s-shop-web-0123456789",
                "Type",
                "network",
                "Tags.member.1.Key",
                CLUSTER_TAG,
                "Tags.member.1.Value",
                "prod"),
            true),
        new Call(
            "a load balancer without the cluster tag is refused",
            "elasticloadbalancing",
            params(
                "CreateLoadBalancer",
                "Name",
                "k8s-shop-web-0123456789",
                "Tags.member.1.Key",
                "team",
                "Tags.member.1.Value",
                "web"),
            false),
        new Call(
            "a listener is made with its tags",
            "elasticloadbalancing",
            params(
                "CreateListener",
                "LoadBalancerArn",
                LB,
                "Tags.member.1.Key",
                CLUSTER_TAG,
                "Tags.member.1.Value",
                "prod"),
            true),
        new Call(
            "an owned load balancer is deleted",
            "elasticloadbalancing",
            params("DeleteLoadBalancer", "LoadBalancerArn", LB),
            true),
        new Call(
            "a security group is made with the cluster tag",
            "ec2",
            params(
                "CreateSecurityGroup",
                "GroupName",
                "k8s-traffic",
                "TagSpecification.1.ResourceType",
                "security-group",
                "TagSpecification.1.Tag.1.Key",
                CLUSTER_TAG,
                "TagSpecification.1.Tag.1.Value",
                "prod"),
            true),
        new Call(
            "an owned security group's tag changes",
            "ec2",
            params(
                "CreateTags",
                "ResourceId.1",
                "sg-0owned",
                "Tag.1.Key",
                "team",
                "Tag.1.Value",
                "web"),
            true),
        new Call(
            "an existing security group cannot be given a cluster tag",
            "ec2",
            params(
                "CreateTags",
                "ResourceId.1",
                "sg-0owned",
                "Tag.1.Key",
                CLUSTER_TAG,
                "Tag.1.Value",
                "other"),
            false),
        new Call(
            "a security group of someone else is not deleted",
            "ec2",
            params("DeleteSecurityGroup", "GroupId", "sg-0foreign"),
            false),
        new Call(
            "an owned security group is deleted",
            "ec2",
            params("DeleteSecurityGroup", "GroupId", "sg-0owned"),
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void theInstalledPoliciesDecideEachCallAsAwsWould(Call call) {
    for (var file : List.of("iam-policy.json", "iam-policy-cn.json")) {
      var policy = IamPolicy.read(Path.of("kubernetes", file));
      var denied =
          AwsCalls.authorizations(call.service(), REGION, call.parameters(), IamPolicyTest::tags)
              .stream()
              .map(authorization -> Map.entry(authorization, policy.decide(authorization)))
              .filter(decided -> !decided.getValue().allowed())
              .map(decided -> decided.getKey() + ": " + decided.getValue().reason())
              .findFirst();
      assertThat(denied)
          .as(file)
          .matches(d -> d.isEmpty() == call.allowed(), call.allowed() ? "allowed" : "denied");
    }
  }

  @Test
  void aCreateThatTagsNeedsTheTaggingPermissionOfWhatItCreates() {
    var authorizations =
        AwsCalls.authorizations(
            "elasticloadbalancing",
            REGION,
            params(
                "CreateRule",
                "ListenerArn",
                LISTENER,
                "Tags.member.1.Key",
                CLUSTER_TAG,
                "Tags.member.1.Value",
                "prod"),
            IamPolicyTest::tags);

    assertThat(authorizations)
        .extracting(
            a ->
                a.action()
                    + " "
                    + a.resource()
                    + " "
                    + a.value("elasticloadbalancing:CreateAction"))
        .containsExactly(
            "elasticloadbalancing:CreateRule "
                + RULE.replace("9683b2d02a6cabee", "0000000000000000")
                + " Optional.empty",
            "elasticloadbalancing:AddTags "
                + RULE.replace("9683b2d02a6cabee", "0000000000000000")
                + " Optional[CreateRule]");
  }

  @Test
  void anExplicitDenyWinsOverAnAllow(@TempDir Path dir) throws IOException {
    var file = dir.resolve("policy.json");
    Files.writeString(
        file,
        """
        {"Statement": [
          {"Sid": "All", "Effect": "Allow", "Action": "elasticloadbalancing:*", "Resource": "*"},
          {"Sid": "NoDelete", "Effect": "Deny", "Action": "elasticloadbalancing:Delete*", "Resource": "*"}]}
        """);
    var policy = IamPolicy.read(file);
    var delete =
        AwsCalls.authorizations(
            "elasticloadbalancing",
            REGION,
            params("DeleteLoadBalancer", "LoadBalancerArn", LB),
            IamPolicyTest::tags);

    assertThat(policy.decide(delete.get(0)).allowed()).isFalse();
    assertThat(policy.decide(delete.get(0)).reason()).contains("NoDelete");
  }

  @Test
  void aConditionOperatorThatIsNotEvaluatedIsRefusedRatherThanIgnored(@TempDir Path dir)
      throws IOException {
    var file = dir.resolve("policy.json");
    Files.writeString(
        file,
        """
        {"Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
          "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}]}
        """);

    assertThatThrownBy(() -> IamPolicy.read(file))
        .hasMessageContaining("ForAllValues:StringEquals");
  }

  private static Map<String, String> tags(String arn) {
    return Optional.ofNullable(TAGS.get(arn))
        .orElseThrow(() -> new AssertionError("no tags known for " + arn));
  }

  private static Map<String, String> params(String action, String... pairs) {
    var parameters = new LinkedHashMap<String, String>();
    parameters.put("Action", action);
    for (int i = 0; i < pairs.length; i += 2) {
      parameters.put(pairs[i], pairs[i + 1]);
    }
    return parameters;
  }
}
