package io.elbv2.operator.ingress;

import static org.awaitility.Awaitility.await;

import io.elbv2.operator.testing.Workloads;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Ingresses of class {@code alb} in a test's namespace: made, changed, read and waited for. */
final class TestIngresses {

  static final String CLASS = "kubernetes.io/ingress.class";

  private final KubernetesClient client;
  private final Workloads workloads;
  private final Duration timeout;

  TestIngresses(KubernetesClient client, Workloads workloads, Duration timeout) {
    this.client = client;
    this.workloads = workloads;
    this.timeout = timeout;
  }

  /** An Ingress of class {@code alb} with one rule of no host. */
  Ingress ingress(String name, Map<String, String> annotations, HTTPIngressPath... paths) {
    var all = new LinkedHashMap<String, String>();
    all.put(CLASS, "alb");
    all.putAll(annotations);
    return new IngressBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(workloads.namespace())
        .withAnnotations(all)
        .endMetadata()
        .withNewSpec()
        .addNewRule()
        .withNewHttp()
        .withPaths(paths)
        .endHttp()
        .endRule()
        .endSpec()
        .build();
  }

  /** A path to port 80 of a Service. */
  static HTTPIngressPath path(String path, String type, String service) {
    return new HTTPIngressPathBuilder()
        .withPath(path)
        .withPathType(type)
        .withNewBackend()
        .withNewService()
        .withName(service)
        .withNewPort()
        .withNumber(80)
        .endPort()
        .endService()
        .endBackend()
        .build();
  }

  Ingress create(Ingress ingress) {
    return client.resource(ingress).create();
  }

  void edit(String name, Consumer<Ingress> change) {
    client
        .network()
        .v1()
        .ingresses()
        .inNamespace(workloads.namespace())
        .withName(name)
        .edit(
            ingress -> {
              change.accept(ingress);
              return ingress;
            });
  }

  Ingress current(String name) {
    return client
        .network()
        .v1()
        .ingresses()
        .inNamespace(workloads.namespace())
        .withName(name)
        .get();
  }

  String hostnameOf(String name) {
    var ingress = current(name);
    return ingress == null ? null : IngressEdits.hostnameOf(ingress);
  }

  String awaitHostname(String name) {
    await().atMost(timeout).until(() -> hostnameOf(name) != null);
    return hostnameOf(name);
  }

  /** The stack of an Ingress of no group: its namespace and name. */
  String stack(String name) {
    return workloads.namespace() + "/" + name;
  }
}
