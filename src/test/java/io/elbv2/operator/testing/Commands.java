package io.elbv2.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Command-line tools the tests drive (helm, openssl), each run to its end. */
public final class Commands {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private Commands() {}

  public static String run(String... command) {
    return run(Map.of(), List.of(command));
  }

  /**
   * Runs a command with extra environment variables.
   *
   * @return what it printed (standard output and error)
   * @throws IllegalStateException with that output when it fails or outlives its time
   */
  public static String run(Map<String, String> environment, List<String> command) {
    try {
      var builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      var process = builder.start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not end within " + TIMEOUT);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            command + " exited with " + process.exitValue() + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
