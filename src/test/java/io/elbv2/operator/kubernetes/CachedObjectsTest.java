package io.elbv2.operator.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerImageBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedObjectsTest {

  @Test
  void aCachedServiceKeepsWhatTheOperatorReadsButNotTheApiServersBookkeeping() {
    var store = CachedObjects.<Service>trimmed();
    var service =
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("web")
            .withResourceVersion("42")
            .withAnnotations(
                Map.of(
                    "service.beta.kubernetes.io/aws-load-balancer-type",
                    "nlb-ip",
                    CachedObjects.LAST_APPLIED,
                    "{\"apiVersion\":\"v1\",\"kind\":\"Service\"}"))
            .withManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl")
                    .withOperation("Apply")
                    .build())
            .endMetadata()
            .withNewSpec()
            .withType("LoadBalancer")
            .endSpec()
            .build();

    store.put(store.getKey(service), service);

    var cached = store.get("shop/web");
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getAnnotations())
        .containsOnlyKeys("service.beta.kubernetes.io/aws-load-balancer-type");
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(cached.getSpec().getType()).isEqualTo("LoadBalancer");
  }

  @Test
  void aCachedNodeKeepsItsLabelsProviderIdTaintsAndConditionsButNotItsInventory() {
    var store = CachedObjects.nodes();
    var node =
        new NodeBuilder()
            .withNewMetadata()
            .withName("ip-10-0-1-5")
            .withLabels(Map.of("topology.kubernetes.io/zone", "cn-north-1a"))
            .endMetadata()
            .withNewSpec()
            .withProviderID("aws:///cn-north-1a/i-0123456789abcdef0")
            .addNewTaint()
            .withKey("dedicated")
            .withEffect("NoSchedule")
            .endTaint()
            .endSpec()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .withImages(
                new ContainerImageBuilder()
                    .withNames("registry.example/app:1")
                    .withSizeBytes(1L << 30)
                    .build())
            .withCapacity(Map.of("cpu", new Quantity("4")))
            .addNewAddress()
            .withType("InternalIP")
            .withAddress("10.0.1.5")
            .endAddress()
            .endStatus()
            .build();

    store.put(store.getKey(node), node);

    Node cached = store.get("ip-10-0-1-5");
    assertThat(cached.getMetadata().getLabels())
        .containsEntry("topology.kubernetes.io/zone", "cn-north-1a");
    assertThat(cached.getSpec().getProviderID())
        .isEqualTo("aws:///cn-north-1a/i-0123456789abcdef0");
    assertThat(cached.getSpec().getTaints()).hasSize(1);
    assertThat(cached.getStatus().getConditions())
        .singleElement()
        .satisfies(c -> assertThat(c.getType()).isEqualTo("Ready"));
    assertThat(cached.getStatus().getImages()).isNullOrEmpty();
    assertThat(cached.getStatus().getCapacity()).isNullOrEmpty();
    assertThat(cached.getStatus().getAddresses()).isNullOrEmpty();
  }
}
