package io.elbv2.operator.targetgroupbinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.elbv2.operator.api.TargetGroupBindingSpec.TargetType;
import io.elbv2.operator.testing.LocalCluster;
import io.elbv2.operator.testing.LocalClusterResource;
import io.elbv2.operator.testing.MotoTargetGroups;
import io.elbv2.operator.testing.PodWebhooks;
import io.elbv2.operator.testing.ReadyBindings;
import io.elbv2.operator.testing.WebhookEndpoint;
import io.elbv2.operator.testing.Workloads;
import io.elbv2.operator.webhook.PodReadinessGateWebhook;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A Deployment rolled out in a namespace labelled for readiness gates, with an ip binding of its
 * Service: the pod webhook (called by the real API server) gates the new pods, kwok plays the
 * kubelet (Ready only when every gate is True) and the Deployment controller of the real
 * kube-controller-manager removes an old pod only once a new one is Ready.
 */
@QuarkusTest
@QuarkusTestResource(LocalClusterResource.class)
class ReadinessGateRollingUpdateIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int REPLICAS = 3;
  private static final Logger LOG = Logger.getLogger(ReadinessGateRollingUpdateIT.class);

  @Inject KubernetesClient client;
  @Inject ElasticLoadBalancingV2Client elbv2;

  LocalCluster cluster;
  WebhookEndpoint webhooks;
  private Workloads workloads;
  private MotoTargetGroups targetGroups;
  private PodWebhooks podWebhooks;

  @BeforeEach
  void setUp() {
    targetGroups = new MotoTargetGroups(cluster.elbv2Admin(), cluster.get("ELBV2_VPC_ID"));
    podWebhooks = new PodWebhooks(client, cluster);
    workloads = Workloads.inFreshNamespace(client, "rollout");
    podWebhooks.enableInjection(workloads.namespace());
    podWebhooks.register(webhooks.url(PodReadinessGateWebhook.PATH), workloads.namespace());
  }

  @AfterEach
  void tearDown() {
    podWebhooks.deleteAll();
    workloads.deleteAndAwait(TIMEOUT);
    targetGroups.deleteAll();
  }

  @Test
  void rollingUpdateMakesEachNewPodReadyOnlyOnceItsTargetIsHealthy() throws Exception {
    var arn = targetGroups.create(TargetTypeEnum.IP);
    workloads.service("web", "ClusterIP");
    client
        .resource(Bindings.binding(workloads.namespace(), "web", arn, TargetType.IP, "web", null))
        .create();
    await().atMost(TIMEOUT).until(() -> ReadyBindings.in(client, workloads.namespace()) == 1);
    workloads.deployment("web", REPLICAS, 8080);
    await()
        .atMost(TIMEOUT)
        .until(() -> targetGroups.healthyTargets(arn).size() == REPLICAS && rolledOut());
    var oldPods = podNames();

    // For each pod seen turning Ready: was its target healthy in moto at that moment?
    var readyWithHealthyTarget = new ConcurrentHashMap<String, Boolean>();
    var fewestHealthy = new AtomicInteger(Integer.MAX_VALUE);
    var sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(
        () -> fewestHealthy.accumulateAndGet(targetGroups.healthyTargets(arn).size(), Math::min),
        0,
        100,
        TimeUnit.MILLISECONDS);
    var started = Instant.now();
    try (var watch =
        client
            .pods()
            .inNamespace(workloads.namespace())
            .watch(
                new Watcher<Pod>() {
                  @Override
                  public void eventReceived(Action action, Pod pod) {
                    var name = pod.getMetadata().getName();
                    if (!oldPods.contains(name)
                        && Workloads.ready(pod)
                        && !readyWithHealthyTarget.containsKey(name)) {
                      readyWithHealthyTarget.put(
                          name,
                          targetGroups
                              .healthyTargets(arn)
                              .contains(pod.getStatus().getPodIP() + ":8080"));
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      rollOutWithoutUnavailablePods();
      await().atMost(TIMEOUT).until(() -> rolledOut() && !anyOf(oldPods));
    } finally {
      sampler.shutdownNow();
    }
    var took = Duration.between(started, Instant.now());
    var newPods = podNames();
    LOG.infof(
        "rolled out %d pods in %d ms; fewest healthy targets during the rollout: %d; %s",
        REPLICAS, took.toMillis(), fewestHealthy.get(), readyWithHealthyTarget);

    assertThat(newPods).hasSize(REPLICAS).doesNotContainAnyElementsOf(oldPods);
    assertThat(newPods)
        .allSatisfy(
            pod ->
                assertThat(
                        ReadinessGates.condition(
                            client.pods().inNamespace(workloads.namespace()).withName(pod).get(),
                            ReadinessGates.conditionType("web")))
                    .as("%s has the gate, True", pod)
                    .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True")));
    assertThat(readyWithHealthyTarget)
        .as("every new pod turned Ready only once moto reported its target healthy")
        .containsOnlyKeys(newPods)
        .allSatisfy((pod, healthy) -> assertThat(healthy).as(pod).isTrue());
    assertThat(fewestHealthy.get())
        .as("the load balancer never had fewer healthy targets than replicas")
        .isGreaterThanOrEqualTo(REPLICAS);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(targetGroups.targets(arn))
                    .isEqualTo(workloads.readyPodTargets("web", 8080)));
  }

  /** A new pod template, replaced one pod at a time with no pod unavailable. */
  private void rollOutWithoutUnavailablePods() {
    deployment()
        .edit(
            d -> {
              d.getSpec()
                  .setStrategy(
                      new DeploymentStrategyBuilder()
                          .withType("RollingUpdate")
                          .withRollingUpdate(
                              new RollingUpdateDeploymentBuilder()
                                  .withMaxSurge(new IntOrString(1))
                                  .withMaxUnavailable(new IntOrString(0))
                                  .build())
                          .build());
              d.getSpec()
                  .getTemplate()
                  .getMetadata()
                  .setAnnotations(Map.of("example.com/restarted-at", Instant.now().toString()));
              return d;
            });
  }

  private boolean rolledOut() {
    var d = deployment().get();
    var status = d.getStatus();
    return status != null
        && d.getMetadata().getGeneration().equals(status.getObservedGeneration())
        && Integer.valueOf(REPLICAS).equals(status.getUpdatedReplicas())
        && Integer.valueOf(REPLICAS).equals(status.getReadyReplicas())
        && Integer.valueOf(REPLICAS).equals(status.getReplicas());
  }

  private io.fabric8.kubernetes.client.dsl.RollableScalableResource<Deployment> deployment() {
    return client.apps().deployments().inNamespace(workloads.namespace()).withName("web");
  }

  /** The app's pods not being deleted. */
  private Set<String> podNames() {
    return webPods()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .map(p -> p.getMetadata().getName())
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Whether any of these pods still exists, even while being deleted. */
  private boolean anyOf(Set<String> pods) {
    return webPods().anyMatch(p -> pods.contains(p.getMetadata().getName()));
  }

  private java.util.stream.Stream<Pod> webPods() {
    return client
        .pods()
        .inNamespace(workloads.namespace())
        .withLabel("app", "web")
        .list()
        .getItems()
        .stream();
  }
}
