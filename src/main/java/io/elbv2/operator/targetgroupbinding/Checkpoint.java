package io.elbv2.operator.targetgroupbinding;

import io.elbv2.operator.api.TargetGroupBindingSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * A digest of everything a binding's AWS state follows from (its spec and the targets wanted), kept
 * in the annotations the Go controller uses. While it is unchanged and younger than the resync
 * period, reconciling makes no AWS call.
 */
public record Checkpoint(String digest) {

  public static final String ANNOTATION = "elbv2.k8s.aws/checkpoint";
  public static final String TIMESTAMP_ANNOTATION = "elbv2.k8s.aws/checkpoint-timestamp";

  public static Checkpoint of(TargetGroupBindingSpec spec, Collection<Target> targets) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      digest.update(spec.toString().getBytes(StandardCharsets.UTF_8));
      for (var target : targets.stream().sorted().toList()) {
        digest.update(target.identifier().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) ',');
      }
      return new Checkpoint(
          Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the annotations hold this checkpoint, written less than {@code resync} ago. */
  public boolean isCurrent(Map<String, String> annotations, Instant now, Duration resync) {
    if (annotations == null || !digest.equals(annotations.get(ANNOTATION))) {
      return false;
    }
    try {
      var written =
          Instant.ofEpochSecond(
              Long.parseLong(annotations.getOrDefault(TIMESTAMP_ANNOTATION, "0")));
      return written.plus(resync).isAfter(now);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
