package io.elbv2.operator.testing;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;

/** Services of type LoadBalancer as users write them: one TCP port to the app's pods. */
public final class LoadBalancerServices {

  private LoadBalancerServices() {}

  public static Service tcp(
      String namespace,
      String name,
      String app,
      int port,
      int targetPort,
      Map<String, String> annotations) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withType("LoadBalancer")
        .withSelector(Map.of("app", app))
        .addNewPort()
        .withProtocol("TCP")
        .withPort(port)
        .withTargetPort(new IntOrString(targetPort))
        .endPort()
        .endSpec()
        .build();
  }
}
