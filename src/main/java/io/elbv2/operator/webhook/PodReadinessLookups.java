package io.elbv2.operator.webhook;

import io.elbv2.operator.api.TargetGroupBinding;
import io.elbv2.operator.targetgroupbinding.TargetGroupBindingReconciler;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.ResourceCache;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the pod webhook reads, from memory: TargetGroupBindings and Services from the
 * TargetGroupBinding controller's informers, which run on every replica (only reconciling waits for
 * leadership), and namespaces labelled for injection from an informer of those alone. A namespace
 * not in that cache, such as one labelled a moment ago, is read from the API server.
 */
@Singleton
public class PodReadinessLookups {

  private final KubernetesClient client;
  private final Operator operator;
  private SharedIndexInformer<Namespace> enabledNamespaces;

  PodReadinessLookups(KubernetesClient client, Operator operator) {
    this.client = client;
    this.operator = operator;
  }

  void start(@Observes StartupEvent event) {
    enabledNamespaces =
        client
            .namespaces()
            .withLabel(PodReadinessGates.INJECT_LABEL, PodReadinessGates.ENABLED)
            .runnableInformer(0);
    enabledNamespaces.start();
  }

  void stop(@Observes ShutdownEvent event) {
    if (enabledNamespaces != null) {
      enabledNamespaces.stop();
    }
  }

  Map<String, String> namespaceLabels(String namespace) {
    var cached =
        enabledNamespaces == null ? null : enabledNamespaces.getStore().getByKey(namespace);
    var found = cached != null ? cached : client.namespaces().withName(namespace).get();
    return found == null || found.getMetadata().getLabels() == null
        ? Map.of()
        : found.getMetadata().getLabels();
  }

  List<TargetGroupBinding> bindings(String namespace) {
    return bindingController()
        .getEventSourceManager()
        .getControllerEventSource()
        .list(namespace)
        .toList();
  }

  Optional<Service> service(String namespace, String name) {
    return bindingController().getEventSourceManager().getEventSourcesFor(Service.class).stream()
        .filter(ResourceCache.class::isInstance)
        .map(source -> (ResourceCache<?>) source)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no Service informer is running"))
        .get(new ResourceID(name, namespace))
        .map(Service.class::cast);
  }

  @SuppressWarnings("unchecked")
  private Controller<TargetGroupBinding> bindingController() {
    return (Controller<TargetGroupBinding>)
        operator
            .getRegisteredController(TargetGroupBindingReconciler.NAME)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the TargetGroupBinding controller is not registered"));
  }
}
