package io.elbv2.operator.testing.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which the operator made an AWS call that the project's IAM policies deny (see
 * {@link IamEnforcement}). Registered for every test by the build (JUnit's extension
 * auto-detection), so that no integration test can forget it.
 */
public final class IamDeniedCallsCheck implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(IamDeniedCallsCheck.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put("seen", lines().size());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    var seen = context.getStore(NAMESPACE).getOrDefault("seen", Integer.class, 0);
    var lines = lines();
    if (lines.size() > seen) {
      throw new AssertionError(
          "the IAM policies in kubernetes/ deny AWS calls the operator made during this test:\n"
              + String.join("\n", lines.subList(seen, lines.size())));
    }
  }

  private static List<String> lines() {
    var file = IamEnforcement.deniedCallsFile();
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
