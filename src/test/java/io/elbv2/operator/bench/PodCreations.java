package io.elbv2.operator.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Pods created at a fixed rate whatever the API server's answers take (an open loop), and how long
 * each creation took from the moment it was due, so that a slow answer also delays the ones behind.
 *
 * @param dueAt when each created pod's creation was due, by name ({@link System#nanoTime})
 * @param latencies milliseconds from due to created, sorted
 * @param failures what the API server answered to the creations it refused
 */
record PodCreations(
    int perSecondAsked,
    double perSecondDone,
    Map<String, Long> dueAt,
    List<Double> latencies,
    List<String> failures) {

  static PodCreations atRate(
      KubernetesClient client,
      String namespace,
      String phase,
      int count,
      int perSecond,
      IntFunction<String> app)
      throws InterruptedException, ExecutionException {
    var dueAt = new ConcurrentHashMap<String, Long>();
    var latencies = new ConcurrentLinkedQueue<Double>();
    var failures = new ConcurrentLinkedQueue<String>();
    var pool = Executors.newFixedThreadPool(64);
    var creations = new ArrayList<Future<?>>();
    long interval = 1_000_000_000L / perSecond;
    long begin = System.nanoTime();
    try {
      for (int i = 0; i < count; i++) {
        long due = begin + i * interval;
        LockSupport.parkNanos(due - System.nanoTime());
        var pod = pod(namespace, phase + "-" + i, phase, app.apply(i));
        creations.add(
            pool.submit(
                () -> {
                  try {
                    client.resource(pod).create();
                    latencies.add((System.nanoTime() - due) / 1e6);
                    dueAt.put(pod.getMetadata().getName(), due);
                  } catch (KubernetesClientException e) {
                    failures.add(e.getCode() + " " + e.getMessage());
                  }
                }));
      }
      for (var creation : creations) {
        creation.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    return new PodCreations(
        perSecond,
        count / seconds,
        Map.copyOf(dueAt),
        latencies.stream().sorted().toList(),
        List.copyOf(failures));
  }

  String describe(String what) {
    return String.format(
        "  %d %s created at %d/s asked, %.0f/s done: creation through the API server (ms) %s%s",
        dueAt.size(),
        what,
        perSecondAsked,
        perSecondDone,
        percentiles(latencies),
        failures.isEmpty()
            ? ""
            : String.format("; %d refused, e.g. %s", failures.size(), failures.get(0)));
  }

  static String percentiles(List<Double> sorted) {
    return String.format(
        "p50 %.0f, p90 %.0f, p99 %.0f, max %.0f",
        at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted.get(sorted.size() - 1));
  }

  private static double at(List<Double> sorted, double quantile) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
  }

  private static Pod pod(String namespace, String name, String phase, String app) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels("app", app)
        .addToLabels("phase", phase)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("nginx:1.27")
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .endContainer()
        .endSpec()
        .build();
  }
}
