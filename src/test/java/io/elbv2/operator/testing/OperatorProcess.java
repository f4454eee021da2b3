package io.elbv2.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator ({@code target/quarkus-app}) run as its own process against the local
 * cluster, as after a restart: nothing in memory, everything learnt from Kubernetes and AWS.
 */
public final class OperatorProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private OperatorProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the operator with the cluster's settings, its AWS calls going to {@code awsEndpoint}.
   *
   * @param jvmOptions e.g. {@code -XX:MaxRAM=512m} to size the JVM as a container limit would
   */
  public static OperatorProcess start(LocalCluster cluster, URI awsEndpoint, String... jvmOptions) {
    return start(cluster, awsEndpoint, Map.of(), jvmOptions);
  }

  /**
   * As {@link #start(LocalCluster, URI, String...)}, with environment variables that replace the
   * defaults (another {@code KUBECONFIG}, {@code ELBV2_*} and {@code QUARKUS_*} settings); the HTTP
   * port stays the one {@link #metrics()} reads.
   */
  public static OperatorProcess start(
      LocalCluster cluster,
      URI awsEndpoint,
      Map<String, String> environment,
      String... jvmOptions) {
    // Another build of the operator, e.g. to benchmark two versions with the same benchmark.
    var jar =
        Path.of(System.getProperty("operator.jar", "target/quarkus-app/quarkus-run.jar"))
            .toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./mvnw package first");
    }
    try {
      int port;
      try (var socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      var log = Files.createTempFile("elbv2-operator-", ".log");
      var builder =
          new ProcessBuilder(command(jar, jvmOptions))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder
          .environment()
          .putAll(
              Map.of(
                  "KUBECONFIG", cluster.get("KUBECONFIG"),
                  "AWS_ACCESS_KEY_ID", cluster.get("AWS_ACCESS_KEY_ID"),
                  "AWS_SECRET_ACCESS_KEY", cluster.get("AWS_SECRET_ACCESS_KEY"),
                  "ELBV2_CLUSTER_NAME", cluster.get("ELBV2_CLUSTER_NAME"),
                  "ELBV2_AWS_REGION", cluster.get("AWS_REGION"),
                  "ELBV2_AWS_VPC_ID", cluster.get("ELBV2_VPC_ID"),
                  "ELBV2_AWS_ENDPOINT", awsEndpoint.toString(),
                  "ELBV2_LEADER_ELECTION_NAMESPACE", "default",
                  // No cloud provider here; the restart tests serve in-tree `nlb` Services too.
                  "ELBV2_MANAGE_IN_TREE_NLB_SERVICES", "true"));
      builder.environment().putAll(environment);
      builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
      return new OperatorProcess(builder.start(), port, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.List<String> command(Path jar, String... jvmOptions) {
    var command = new java.util.ArrayList<String>();
    command.add("java");
    command.addAll(java.util.List.of(jvmOptions));
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** The Prometheus text at /metrics, or empty while the operator is not serving yet. */
  public String metrics() {
    if (!process.isAlive()) {
      throw new IllegalStateException("the operator exited; its log: " + log);
    }
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** How many reconciliations of the controller (its name, e.g. {@code service}) succeeded. */
  public double successfulReconciliations(String controller) {
    return metric("reconciliations_success_total", "controller_name=\"" + controller + "\"");
  }

  /** A metric summed over the lines whose labels contain {@code labels}. */
  public double metric(String name, String labels) {
    return metrics()
        .lines()
        .filter(l -> l.startsWith(name + "{") && l.contains(labels))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Resident memory of the process in MiB, from /proc. */
  public long residentMiB() throws IOException {
    for (var line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  /** CPU time the process has used, user and system, in seconds, from /proc. */
  public double cpuSeconds() throws IOException {
    var stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    // The fields after the command name, which is in parentheses and may hold spaces.
    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / 100.0;
  }

  /** What the operator has printed so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends SIGTERM, as Kubernetes does to stop a pod, and waits for the process to end.
   *
   * @return its exit code
   */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the operator did not exit within " + timeout);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
