package io.elbv2.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Deployments and Services on the local cluster, whose pods kwok runs and marks ready. */
public record Workloads(KubernetesClient client, String namespace) {

  public static Workloads inFreshNamespace(KubernetesClient client, String prefix) {
    var namespace = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    return new Workloads(client, namespace);
  }

  public void deployment(String app, int replicas, int containerPort) {
    client
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(app)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(Map.of("app", app))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", app))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(app)
                .withImage("nginx:1.27")
                .addNewPort()
                .withName("http")
                .withContainerPort(containerPort)
                .endPort()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  public void scale(String app, int replicas) {
    client.apps().deployments().inNamespace(namespace).withName(app).scale(replicas);
  }

  /** A Service for the app: port 80 to the pods' named port {@code http}. */
  public Service service(String app, String type) {
    return client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(app)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withType(type)
                .withSelector(Map.of("app", app))
                .addNewPort()
                .withName("web")
                .withPort(80)
                .withNewTargetPort("http")
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  /** {@code ip:port} of the app's pods that are Ready. */
  public Set<String> readyPodTargets(String app, int port) {
    return client.pods().inNamespace(namespace).withLabel("app", app).list().getItems().stream()
        .filter(Workloads::ready)
        .map(pod -> pod.getStatus().getPodIP() + ":" + port)
        .collect(Collectors.toSet());
  }

  public static boolean ready(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && pod.getStatus() != null
        && pod.getStatus().getPodIP() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Sets a pod's Ready condition, as the kubelet would when its readiness probe changes. */
  public void setReady(String pod, boolean ready) {
    Conflicts.retried(
        () ->
            client
                .pods()
                .inNamespace(namespace)
                .withName(pod)
                .editStatus(
                    p -> {
                      p.getStatus().getConditions().removeIf(c -> c.getType().equals("Ready"));
                      p.getStatus()
                          .getConditions()
                          .add(
                              new PodConditionBuilder()
                                  .withType("Ready")
                                  .withStatus(ready ? "True" : "False")
                                  .build());
                      return p;
                    }));
  }

  public void delete() {
    client.namespaces().withName(namespace).delete();
  }

  /** Deletes the namespace and waits until it is gone, finalizers and all. */
  public void deleteAndAwait(Duration timeout) {
    delete();
    await().atMost(timeout).until(() -> client.namespaces().withName(namespace).get() == null);
  }
}
