package io.elbv2.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Edits of objects the operator (or kwok) also writes. An edit carries the resourceVersion it read,
 * so a write in between makes the apiserver answer 409 Conflict; the edit is then read and made
 * again, as {@code kubectl edit} users do.
 */
public final class Conflicts {

  private static final int ATTEMPTS = 5;

  private Conflicts() {}

  public static <T> T retried(Supplier<T> edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        return edit.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
