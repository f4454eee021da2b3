package io.elbv2.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chart as {@code helm template} renders it with the given values. */
public record ChartRendering(List<HasMetadata> objects) {

  private static final Path CHART = Path.of("helm/elbv2-operator");

  public static ChartRendering of(KubernetesClient client, Helm helm, String... values) {
    var arguments = new ArrayList<String>();
    arguments.addAll(
        List.of(
            "template",
            "elbv2-operator",
            CHART.toAbsolutePath().toString(),
            "--namespace=kube-system",
            "--kube-version=1.35.0"));
    arguments.addAll(List.of(values));
    var yaml = helm.run(arguments.toArray(String[]::new));
    return new ChartRendering(
        client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items());
  }

  /** Installs the chart's CRDs, as {@code helm install} does before anything else. */
  public static void applyCrds(KubernetesClient client) throws java.io.IOException {
    try (var crds = java.nio.file.Files.list(CHART.resolve("crds"))) {
      for (var crd : crds.toList()) {
        try (var in = java.nio.file.Files.newInputStream(crd)) {
          client.load(in).forceConflicts().serverSideApply();
        }
      }
    }
  }

  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The operator container's environment variables that have a value of their own. */
  public Map<String, String> environment() {
    var environment = new LinkedHashMap<String, String>();
    container().getEnv().stream()
        .filter(variable -> variable.getValue() != null)
        .forEach(variable -> environment.put(variable.getName(), variable.getValue()));
    return environment;
  }

  /**
   * The options the container starts java with ({@code JAVA_OPTS}), and its memory limit as the JVM
   * sees it in a container ({@code -XX:MaxRAM}).
   */
  public List<String> jvmOptions() {
    var options = new ArrayList<String>();
    var limit = container().getResources().getLimits().get("memory");
    if (limit != null) {
      options.add("-XX:MaxRAM=" + limit.getNumericalAmount().longValue());
    }
    var javaOptions = environment().getOrDefault("JAVA_OPTS", "").trim();
    if (!javaOptions.isEmpty()) {
      options.addAll(Arrays.asList(javaOptions.split("\\s+")));
    }
    return options;
  }

  private io.fabric8.kubernetes.api.model.Container container() {
    var deployments = all(Deployment.class);
    if (deployments.size() != 1) {
      throw new IllegalStateException("the chart renders " + deployments.size() + " Deployments");
    }
    return deployments.get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}
