package io.elbv2.operator.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.api.TargetGroupBindingSpec;
import io.elbv2.operator.api.TargetGroupBindingSpec.ServiceReference;
import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.build.nlb.ServiceAnnotations;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.testing.Conflicts;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.OperatorEvents;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class ServiceReconcilerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;
  LocalCluster cluster;

  private String namespace;
  private MotoTargetGroups targetGroups;

  @BeforeEach
  void createNamespace() {
    targetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
    namespace = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  @AfterEach
  void deleteNamespace() {
    client.namespaces().withName(namespace).delete();
    // While the operator still runs, so that it releases what holds its finalizer.
    await().atMost(TIMEOUT).until(() -> client.namespaces().withName(namespace).get() == null);
    targetGroups.deleteAll();
  }

  @Test
  void servedServiceGetsFinalizerAndEventAndIsReleasedOnDelete() {
    var service =
        create(loadBalancer("web", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip"), null));

    await().atMost(TIMEOUT).until(() -> ServiceSelection.holdsFinalizer(get("web")));
    await().atMost(TIMEOUT).until(() -> reasons(service).contains("SuccessfullyReconciled"));

    client.resource(get("web")).delete();

    await().atMost(TIMEOUT).until(() -> get("web") == null);
    assertThat(reasons(service)).contains("Released");
    assertThat(metric("reconciliations_success_total")).isPositive();
  }

  @Test
  void serviceWithLoadBalancerClassIsServed() {
    create(loadBalancer("classy", Map.of(), "service.k8s.aws/nlb"));

    await().atMost(TIMEOUT).until(() -> ServiceSelection.holdsFinalizer(get("classy")));
  }

  @Test
  void servicesOfOthersAreLeftUntouched() {
    var foreign = create(loadBalancer("in-tree-clb", Map.of(), null));
    var otherClass = create(loadBalancer("other-class", Map.of(), "example.com/lb"));
    var ours =
        create(
            loadBalancer("ours", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "external"), null));

    // Once ours is served, the others have been seen by the operator too.
    await().atMost(TIMEOUT).until(() -> reasons(ours).contains("SuccessfullyReconciled"));

    for (var other : List.of(foreign, otherClass)) {
      var current = get(other.getMetadata().getName());
      assertThat(current.getMetadata().getFinalizers()).isEmpty();
      assertThat(current.getMetadata().getResourceVersion())
          .isEqualTo(other.getMetadata().getResourceVersion());
      assertThat(reasons(other)).isEmpty();
    }
  }

  @Test
  void finalizerOnAServiceOfAnotherClassIsNeverRemoved() {
    // As the Go controller (or another installation of this operator) leaves a Service it serves:
    // the same finalizer name, and a binding labelled with the Service's stack.
    var theirs =
        create(
            new ServiceBuilder(loadBalancer("theirs", Map.of(), "example.com/other-nlb"))
                .editMetadata()
                .addToFinalizers(ServiceSelection.FINALIZER, "example.com/keep")
                .endMetadata()
                .build());
    try {
      var targetGroup = targetGroups.create(TargetTypeEnum.IP);
      client.resource(get("theirs")).delete();
      // Created after the deletion, the binding reaches the Service's controller as an event of a
      // Service marked for deletion: the path that would release it.
      client.resource(stackBinding("theirs", targetGroup)).create();

      await()
          .during(Duration.ofSeconds(10))
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  get("theirs") != null
                      && get("theirs")
                          .getMetadata()
                          .getFinalizers()
                          .containsAll(List.of(ServiceSelection.FINALIZER, "example.com/keep"))
                      && binding("theirs") != null);
      assertThat(reasons(theirs)).isEmpty();
    } finally {
      // The other controller lets it go (also when the test failed, or the namespace would stay).
      if (get("theirs") != null) {
        Conflicts.retried(
            () ->
                client
                    .services()
                    .inNamespace(namespace)
                    .withName("theirs")
                    .edit(
                        s ->
                            new ServiceBuilder(s)
                                .editMetadata()
                                .withFinalizers(List.of())
                                .endMetadata()
                                .build()));
      }
    }
    await().atMost(TIMEOUT).until(() -> get("theirs") == null);
  }

  @Test
  void serviceThatStopsAskingForALoadBalancerIsReleased() {
    var service =
        create(
            loadBalancer("switch", Map.of(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip"), null));
    // Served first, so that there is something to release.
    await().atMost(TIMEOUT).until(() -> reasons(service).contains("SuccessfullyReconciled"));

    Conflicts.retried(
        () ->
            client
                .services()
                .inNamespace(namespace)
                .withName("switch")
                .edit(
                    s ->
                        new ServiceBuilder(s)
                            .editMetadata()
                            .removeFromAnnotations(ServiceAnnotations.LOAD_BALANCER_TYPE)
                            .endMetadata()
                            .build()));

    await().atMost(TIMEOUT).until(() -> !ServiceSelection.holdsFinalizer(get("switch")));
    assertThat(reasons(get("switch"))).contains("Released");
  }

  @Test
  void serviceRefusedAtModelBuildTimeGetsNoFinalizerAndGoesAtOnceWithoutARelease() {
    var refused =
        create(
            loadBalancer(
                "refused",
                Map.of(
                    ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip",
                    ServiceAnnotations.SCHEME, "public"),
                null));

    await().atMost(TIMEOUT).until(() -> reasons(refused).contains("FailedBuildModel"));
    await().atMost(TIMEOUT).until(() -> !ServiceSelection.holdsFinalizer(get("refused")));
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .until(() -> !ServiceSelection.holdsFinalizer(get("refused")));

    client.resource(get("refused")).delete();

    await().atMost(Duration.ofSeconds(5)).until(() -> get("refused") == null);
    assertThat(reasons(refused)).doesNotContain("Released");
  }

  /** A counter of the service controller at /metrics, summed over its other labels. */
  private static double metric(String name) {
    var body = given().get("/metrics").then().statusCode(200).extract().asString();
    return body.lines()
        .filter(line -> line.startsWith(name + "{") && line.contains("controller_name=\"service\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** A binding as a controller labels those of a Service's stack. */
  private TargetGroupBinding stackBinding(String service, String targetGroupArn) {
    var binding = new TargetGroupBinding();
    binding.setMetadata(
        new ObjectMetaBuilder()
            .withName(service)
            .withNamespace(namespace)
            .withLabels(OwnershipTags.SERVICE.bindingLabels(namespace + "/" + service))
            .build());
    binding.setSpec(
        new TargetGroupBindingSpec(
            targetGroupArn,
            null,
            null,
            TargetType.IP,
            new ServiceReference(service, new IntOrString(28080)),
            null,
            null,
            null,
            null,
            null));
    return binding;
  }

  private TargetGroupBinding binding(String name) {
    return client.resources(TargetGroupBinding.class).inNamespace(namespace).withName(name).get();
  }

  private List<String> reasons(Service service) {
    return OperatorEvents.on(client, service).stream().map(Event::getReason).toList();
  }

  private Service loadBalancer(
      String name, Map<String, String> annotations, String loadBalancerClass) {
    return new ServiceBuilder(
            LoadBalancerServices.tcp(namespace, name, name, 28080, 80, annotations))
        .editSpec()
        .withLoadBalancerClass(loadBalancerClass)
        .endSpec()
        .build();
  }

  private Service create(Service service) {
    return client.resource(service).create();
  }

  private Service get(String name) {
    return client.services().inNamespace(namespace).withName(name).get();
  }
}
