package io.elbv2.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.build.nlb.ServiceAnnotations;
import io.elbv2.operator.model.OwnershipTags;
import io.elbv2.operator.testing.ClusterTagged;
import io.elbv2.operator.testing.FaultInjectingProxy;
import io.elbv2.operator.testing.FaultInjectingProxy.Fault;
import io.elbv2.operator.testing.LoadBalancerServices;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An object whose creation succeeded and whose next step failed (its attributes) is known to the
 * operator at once: a Service deleted before any listing has seen that object still takes it along,
 * rather than let go of its finalizer and leave it in AWS.
 */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class ObjectsMadeBeforeAFailedStepIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Inject KubernetesClient client;
  FaultInjectingProxy proxy;
  LocalCluster cluster;
  private Workloads workloads;

  @BeforeEach
  void setUp() {
    workloads = Workloads.inFreshNamespace(client, "made");
    // Served throughout, so that the shared backend security group, which a Service's cleanup
    // would otherwise look at with a load balancer listing, stays out of the way.
    create("keeper", Map.of());
    await()
        .atMost(TIMEOUT)
        .until(() -> !service("keeper").getStatus().getLoadBalancer().getIngress().isEmpty());
  }

  @AfterEach
  void tearDown() {
    proxy.reset();
    workloads.deleteAndAwait(TIMEOUT);
  }

  @Test
  void aLoadBalancerWhoseAttributesFailedGoesWithTheServiceDeletedBeforeAnyListingSawIt() {
    deleteInsideTheWindow(
        "CreateLoadBalancer",
        "ModifyLoadBalancerAttributes",
        "DescribeLoadBalancers",
        Map.of(ServiceAnnotations.ATTRIBUTES, "load_balancing.cross_zone.enabled=true"));
  }

  @Test
  void aTargetGroupWhoseAttributesFailedGoesWithTheServiceDeletedBeforeAnyListingSawIt() {
    deleteInsideTheWindow(
        "CreateTargetGroup",
        "ModifyTargetGroupAttributes",
        "DescribeTargetGroups",
        Map.of(
            ServiceAnnotations.TARGET_GROUP_ATTRIBUTES,
            "deregistration_delay.timeout_seconds=120"));
  }

  /**
   * Creates a Service whose {@code failingStep} fails after {@code created}, then keeps {@code
   * listing} failing, as if the next poll had not come yet, and deletes the Service.
   */
  private void deleteInsideTheWindow(
      String created, String failingStep, String listing, Map<String, String> annotations) {
    var before = proxy.requests(created);
    proxy.failUntilLifted(failingStep, Fault.SERVER_ERROR);
    create("leaky", annotations);
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> proxy.requests(created) > before);
    proxy.failUntilLifted(listing, Fault.SERVER_ERROR);

    client.resource(service("leaky")).delete();
    await().atMost(TIMEOUT).until(() -> service("leaky") == null);
    proxy.lift(listing);
    proxy.lift(failingStep);

    var stack = workloads.namespace() + "/leaky";
    assertThat(
            ClusterTagged.in(cluster.elbv2Admin(), cluster.ec2Admin(), cluster)
                .withTag(OwnershipTags.SERVICE.stackKey(), stack))
        .as("AWS objects tagged for the deleted Service")
        .isEmpty();
  }

  private void create(String name, Map<String, String> annotations) {
    var all = new java.util.HashMap<>(annotations);
    all.put(ServiceAnnotations.LOAD_BALANCER_TYPE, "nlb-ip");
    all.put(ServiceAnnotations.DISABLE_NLB_SG, "true");
    client
        .resource(LoadBalancerServices.tcp(workloads.namespace(), name, name, 80, 8080, all))
        .create();
  }

  private io.fabric8.kubernetes.api.model.Service service(String name) {
    return client.services().inNamespace(workloads.namespace()).withName(name).get();
  }
}
