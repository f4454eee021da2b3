package io.elbv2.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The local cluster of {@code hack/cluster.sh}: a real etcd + kube-apiserver + controller-manager +
 * scheduler, kwok nodes and moto. {@link #start()} starts it, or reuses the one already running,
 * and reads its settings.
 */
public record LocalCluster(Map<String, String> env) {

  private static final long START_TIMEOUT_MINUTES = 60;

  /**
   * Takes the demo down if it ran ({@code hack/demo.sh stop}): the tests run their own operator,
   * and a second one, or the demo's Services sharing the backend security group and the node rules,
   * would change what they see. Then runs {@code hack/cluster.sh up} (which builds the parts on
   * first use) and reads the file it names.
   */
  public static LocalCluster start() {
    stopDemoOperator();
    var script = projectDir().resolve("hack/cluster.sh");
    try {
      var process =
          new ProcessBuilder(script.toString(), "up")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      var output =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(START_TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(script + " up failed; its log is above");
      }
      var lines = output.lines().toList();
      return new LocalCluster(readEnv(Path.of(lines.get(lines.size() - 1))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void stopDemoOperator() {
    var script = projectDir().resolve("hack/demo.sh");
    try {
      var process =
          new ProcessBuilder(script.toString(), "stop")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(script + " stop failed; its output is above");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String get(String key) {
    var value = env.get(key);
    if (value == null) {
      throw new IllegalStateException(key + " is missing from the local cluster's env file");
    }
    return value;
  }

  /**
   * An ELBv2 client straight to moto, as the account's administrator: for what tests make or change
   * outside the operator (a target group made by Terraform, a load balancer of another kind), which
   * the operator's IAM policy does not govern.
   */
  public ElasticLoadBalancingV2Client elbv2Admin() {
    return ElasticLoadBalancingV2Client.builder()
        .region(Region.of(get("AWS_REGION")))
        .endpointOverride(URI.create(get("AWS_ENDPOINT_URL")))
        .credentialsProvider(adminCredentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** An EC2 client straight to moto, as the account's administrator (see {@link #elbv2Admin}). */
  public Ec2Client ec2Admin() {
    return Ec2Client.builder()
        .region(Region.of(get("AWS_REGION")))
        .endpointOverride(URI.create(get("AWS_ENDPOINT_URL")))
        .credentialsProvider(adminCredentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** An ACM client straight to moto, as the account's administrator (see {@link #elbv2Admin}). */
  public AcmClient acmAdmin() {
    return AcmClient.builder()
        .region(Region.of(get("AWS_REGION")))
        .endpointOverride(URI.create(get("AWS_ENDPOINT_URL")))
        .credentialsProvider(adminCredentials())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private StaticCredentialsProvider adminCredentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(get("AWS_ACCESS_KEY_ID"), get("AWS_SECRET_ACCESS_KEY")));
  }

  public List<String> list(String key) {
    return List.of(get(key).split(","));
  }

  private static Map<String, String> readEnv(Path file) throws IOException {
    var env = new HashMap<String, String>();
    for (var line : Files.readAllLines(file)) {
      int equals = line.indexOf('=');
      if (equals > 0 && !line.startsWith("#")) {
        env.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return Map.copyOf(env);
  }

  private static Path projectDir() {
    var dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("hack/cluster.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "hack/cluster.sh not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
