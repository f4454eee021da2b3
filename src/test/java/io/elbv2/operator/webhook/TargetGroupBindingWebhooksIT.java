package io.elbv2.operator.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.IpAddressType;
import io.elbv2.operator.api.TargetGroupBindingSpec.ServiceReference;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetGroupProtocol;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.testing.BindingWebhookRegistration;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.FaultInjectingProxy.Fault;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.WebhookEndpoint;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** The webhooks as the real API server calls them, over TLS, for a namespace of the test's own. */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class TargetGroupBindingWebhooksIT {

  private static final String MUTATE = TargetGroupBindingWebhooks.MUTATE_PATH;
  private static final String VALIDATE = TargetGroupBindingWebhooks.VALIDATE_PATH;

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  @Inject Ec2Client ec2;
  LocalCluster cluster;
  WebhookEndpoint webhooks;
  FaultInjectingProxy proxy;

  private Workloads workloads;
  private MotoTargetGroups targetGroups;
  private MotoTargetGroups otherVpcTargetGroups;
  private BindingWebhookRegistration registration;

  @BeforeEach
  void registerWebhooks() {
    workloads = Workloads.inFreshNamespace(client, "webhook");
    targetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
    otherVpcTargetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
    registration =
        BindingWebhookRegistration.forNamespace(client, cluster, webhooks, workloads.namespace());
  }

  @AfterEach
  void removeWebhooks() {
    proxy.reset();
    registration.close();
    workloads.deleteAndAwait(Duration.ofSeconds(30));
    targetGroups.deleteAll();
    otherVpcTargetGroups.deleteAll();
  }

  @Test
  void mutatingWebhookFillsTheSpecFromTheTargetGroup() {
    var arn = targetGroups.create(TargetTypeEnum.IP);

    var created = client.resource(binding("filled", spec(arn, null, null, null))).create();

    var spec = created.getSpec();
    assertThat(spec.targetType()).isEqualTo(TargetType.IP);
    assertThat(spec.ipAddressType()).isEqualTo(IpAddressType.IPV4);
    assertThat(spec.vpcID()).isEqualTo(cluster.get("ELBV2_VPC_ID"));
    assertThat(spec.targetGroupProtocol()).isEqualTo(TargetGroupProtocol.TCP);
  }

  @Test
  void bindingByTargetGroupNameGetsTheArn() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    var name =
        elbv2
            .describeTargetGroups(r -> r.targetGroupArns(arn))
            .targetGroups()
            .get(0)
            .targetGroupName();

    var created = client.resource(binding("named", spec(null, name, null, null))).create();

    assertThat(created.getSpec().targetGroupARN()).isEqualTo(arn);
  }

  @Test
  void changingTheTargetTypeIsRefusedWithAClearMessage() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    client.resource(binding("fixed", spec(arn, null, null, null))).create();

    assertThatThrownBy(
            () ->
                client
                    .resources(TargetGroupBinding.class)
                    .inNamespace(workloads.namespace())
                    .withName("fixed")
                    // A merge patch carries no resourceVersion, so the operator's own
                    // updates of the object (finalizer, status) cannot make it conflict.
                    .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"targetType\":\"instance\"}}"))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(
            "TargetGroupBinding update may not change these fields: spec.targetType");
  }

  @Test
  void targetGroupOfAnotherVpcIsRefused() {
    var otherVpc = cluster.ec2Admin().createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc().vpcId();
    otherVpcTargetGroups = new MotoTargetGroups(cluster.elbv2Admin(), otherVpc);
    var arn = otherVpcTargetGroups.create(TargetTypeEnum.IP);

    assertThatThrownBy(
            () ->
                client.resource(binding("foreign", spec(arn, null, TargetType.IP, null))).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("is in VPC " + otherVpc + ", not the cluster's VPC");
  }

  @Test
  void admissionEndpointsAreServedOnTheTlsPortOnly() {
    // DELETE: each webhook allows it without a look-up.
    var review =
        """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "0d1e", "namespace": "%s", "operation": "DELETE",
          "oldObject": {"apiVersion": "elbv2.k8s.aws/v1beta1", "kind": "TargetGroupBinding",
           "metadata": {"name": "gone"}}}}
        """
            .formatted(workloads.namespace());

    for (var path : List.of(MUTATE, VALIDATE, PodReadinessGateWebhook.PATH)) {
      assertThat(given().contentType("application/json").body(review).post(path).statusCode())
          .as("plain HTTP " + path)
          .isEqualTo(404);
      var answer =
          given()
              .relaxedHTTPSValidation()
              .contentType("application/json")
              .body(review)
              .post(webhooks.url(path))
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(answer.getBoolean("response.allowed")).as("TLS " + path).isTrue();
      assertThat(answer.getString("response.uid")).isEqualTo("0d1e");
    }
    given().get("/metrics").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
  }

  @Test
  void bodiesThatAreNotAdmissionReviewsAreBadRequestsAndBadObjectsAreDenied() {
    var pod =
        """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-1"},
         "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}
        """;
    var noSpec =
        """
        {"apiVersion": "elbv2.k8s.aws/v1beta1", "kind": "TargetGroupBinding",
         "metadata": {"name": "bare"}}
        """;

    for (var path : List.of(MUTATE, VALIDATE)) {
      for (var body : List.of("{\"request\": {\"uid\": ", "{\"hello\": \"world\"}", noSpec)) {
        assertThat(
                given()
                    .relaxedHTTPSValidation()
                    .contentType("application/json")
                    .body(body)
                    .post(webhooks.url(path))
                    .statusCode())
            .as(path + " " + body)
            .isEqualTo(400);
      }
      for (var object : List.of(pod, noSpec)) {
        var answer =
            given()
                .relaxedHTTPSValidation()
                .contentType("application/json")
                .body(review("CREATE", object))
                .post(webhooks.url(path))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(answer.getString("response.uid")).isEqualTo("7a1c");
        assertThat(answer.getBoolean("response.allowed")).as(path + " " + object).isFalse();
        assertThat(answer.getInt("response.status.code")).isEqualTo(400);
        assertThat(answer.getString("response.status.message"))
            .containsAnyOf("expected a TargetGroupBinding, got Pod", "has no spec");
      }
    }
  }

  @Test
  void bindingWithoutSpecIsDeniedNamingWhatItNeeds() {
    var bare = binding("bare", null);

    assertThatThrownBy(() -> client.resource(bare).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("mtargetgroupbinding.elbv2.k8s.aws")
        .hasMessageContaining(
            "TargetGroupBinding bare has no spec: it needs spec.serviceRef and spec.targetGroupARN"
                + " or spec.targetGroupName");
  }

  @Test
  void targetGroupThatDoesNotExistIsDeniedNamingIt() {
    var absent =
        "arn:aws:elasticloadbalancing:"
            + cluster.get("AWS_REGION")
            + ":123456789012:targetgroup/absent/0123456789abcdef";

    assertThatThrownBy(
            () -> client.resource(binding("absent", spec(absent, null, null, null))).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("target group " + absent + " does not exist (TargetGroupNotFound)");
  }

  @Test
  void bindingWhileAwsFailsIsDeniedWithAwsErrorBeforeTheWebhookTimesOut() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    proxy.failUntilLifted("DescribeTargetGroups", Fault.SERVER_ERROR);
    try {
      // The operator's own denial: had it answered after timeoutSeconds, the API server would
      // report a failed webhook call (context deadline exceeded) instead.
      assertThatThrownBy(
              () -> client.resource(binding("unlucky", spec(arn, null, null, null))).create())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("denied the request")
          .hasMessageContaining("target group " + arn + " could not be read from AWS")
          .hasMessageContaining("ServiceUnavailable")
          .hasMessageNotContaining("deadline exceeded");
    } finally {
      proxy.lift("DescribeTargetGroups");
    }
  }

  @Test
  void passingAwsFailuresAreRetriedWithinTheBudgetAndTheBindingIsAdmitted() {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    proxy.arm("DescribeTargetGroups", Fault.SERVER_ERROR, 2);

    var created = client.resource(binding("retried", spec(arn, null, null, null))).create();

    assertThat(created.getSpec().targetType()).isEqualTo(TargetType.IP);
  }

  /** An AdmissionReview as the API server sends it, for this test's namespace. */
  private String review(String operation, String object) {
    return """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "7a1c",
          "kind": {"group": "elbv2.k8s.aws", "version": "v1beta1", "kind": "TargetGroupBinding"},
          "namespace": "%s", "operation": "%s", "object": %s}}
        """
        .formatted(workloads.namespace(), operation, object.strip());
  }

  private TargetGroupBinding binding(String name, TargetGroupBindingSpec spec) {
    var binding = new TargetGroupBinding();
    binding.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace(workloads.namespace()).build());
    binding.setSpec(spec);
    return binding;
  }

  private static TargetGroupBindingSpec spec(String arn, String name, TargetType type, String vpc) {
    return new TargetGroupBindingSpec(
        arn,
        name,
        null,
        type,
        new ServiceReference("web", new IntOrString(80)),
        null,
        null,
        null,
        vpc,
        null);
  }
}
