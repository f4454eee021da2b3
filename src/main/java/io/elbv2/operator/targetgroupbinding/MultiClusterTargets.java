package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBinding;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The targets a multi-cluster binding registered itself, kept where the Go controller keeps them
 * (ConfigMap {@code aws-lbc-targets-<binding>}, key {@code targets}, {@code id:port} separated by
 * commas), so that it never deregisters targets that other clusters or tools put in a shared target
 * group.
 */
@ApplicationScoped
public class MultiClusterTargets {

  static final String PREFIX = "aws-lbc-targets-";
  static final String KEY = "targets";

  private final KubernetesClient client;

  MultiClusterTargets(KubernetesClient client) {
    this.client = client;
  }

  /** The identifiers tracked for the binding; empty when nothing was tracked yet. */
  public Optional<Set<String>> tracked(TargetGroupBinding binding) {
    var map = configMaps(binding).withName(name(binding)).get();
    if (map == null || map.getData() == null || !map.getData().containsKey(KEY)) {
      return Optional.empty();
    }
    return Optional.of(
        Arrays.stream(map.getData().get(KEY).split(","))
            .filter(s -> !s.isBlank())
            .collect(Collectors.toCollection(TreeSet::new)));
  }

  public void track(TargetGroupBinding binding, Set<Target> targets) {
    var csv = targets.stream().map(Target::identifier).sorted().collect(Collectors.joining(","));
    var current = configMaps(binding).withName(name(binding)).get();
    if (current != null && current.getData() != null && csv.equals(current.getData().get(KEY))) {
      return;
    }
    configMaps(binding)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(binding))
                .withNamespace(binding.getMetadata().getNamespace())
                .endMetadata()
                .addToData(KEY, csv)
                .build())
        .serverSideApply();
  }

  public void forget(TargetGroupBinding binding) {
    configMaps(binding).withName(name(binding)).delete();
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          io.fabric8.kubernetes.api.model.ConfigMap,
          io.fabric8.kubernetes.api.model.ConfigMapList,
          io.fabric8.kubernetes.client.dsl.Resource<io.fabric8.kubernetes.api.model.ConfigMap>>
      configMaps(TargetGroupBinding binding) {
    return client.configMaps().inNamespace(binding.getMetadata().getNamespace());
  }

  static String name(TargetGroupBinding binding) {
    return PREFIX + binding.getMetadata().getName();
  }
}
