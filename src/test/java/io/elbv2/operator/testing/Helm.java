package io.elbv2.operator.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The project's helm ({@code hack/build-tools.sh} builds it) as the local cluster's admin, with its
 * caches and settings in a folder of its own rather than the user's.
 */
public record Helm(Path binary, Path kubeconfig, Path home) {

  public static Helm of(LocalCluster cluster) {
    return new Helm(
        Path.of(cluster.get("ELBV2_HELM")),
        Path.of(cluster.get("KUBECONFIG")),
        Path.of("target/helm").toAbsolutePath());
  }

  /** Runs {@code helm <arguments>} and returns what it printed. */
  public String run(String... arguments) {
    var command = new ArrayList<String>();
    command.add(binary.toString());
    command.addAll(List.of(arguments));
    command.add("--kubeconfig=" + kubeconfig);
    return Commands.run(
        Map.of(
            "HELM_CACHE_HOME", home.resolve("cache").toString(),
            "HELM_CONFIG_HOME", home.resolve("config").toString(),
            "HELM_DATA_HOME", home.resolve("data").toString()),
        command);
  }
}
