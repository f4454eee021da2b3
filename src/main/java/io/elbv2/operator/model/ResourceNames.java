package io.elbv2.operator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names of the AWS objects a stack makes, in the Go controller's shape {@code
 * k8s-<namespace:8>-<name:8>-<hash:10>}: the namespace and name without their non-alphanumerics,
 * cut to 8 characters, and the first 10 hex digits of the SHA-256 of the hash inputs written one
 * after another. With the same inputs as the Go controller, an object it made is found by name.
 */
public final class ResourceNames {

  public static final int MAX_LOAD_BALANCER_NAME = 32;

  /** What AWS allows in a load balancer name; it may not start with {@code internal-} either. */
  private static final Pattern LOAD_BALANCER_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

  private ResourceNames() {}

  /**
   * A load balancer name a user asks for, checked as AWS would check it, so that a bad one is
   * refused before anything is made.
   *
   * @param annotation named in errors
   */
  public static String askedLoadBalancerName(String annotation, String name) {
    if (name.length() > MAX_LOAD_BALANCER_NAME) {
      throw new InvalidAnnotationException(
          annotation,
          "'"
              + name
              + "' has "
              + name.length()
              + " characters; AWS allows "
              + MAX_LOAD_BALANCER_NAME);
    }
    if (!LOAD_BALANCER_NAME.matcher(name).matches() || name.startsWith("internal-")) {
      throw new InvalidAnnotationException(
          annotation,
          "'"
              + name
              + "' may only have letters, digits and hyphens, neither start nor end with a hyphen"
              + " and not start with internal-");
    }
    return name;
  }

  public static String of(String namespace, String name, String... hashInputs) {
    return "k8s-" + clean(namespace, 8) + "-" + clean(name, 8) + "-" + sha256(hashInputs, 10);
  }

  /**
   * The name of an explicit IngressGroup's object: {@code k8s-<group:17>-<hash:10>}, as the Go
   * controller names them.
   */
  public static String ofGroup(String group, String... hashInputs) {
    return "k8s-" + clean(group, 17) + "-" + sha256(hashInputs, 10);
  }

  /**
   * The cluster's shared backend security group: {@code k8s-traffic-<cluster:232>-<hash:10>}, the
   * hash over the cluster name alone, as the Go controller names it (255 characters at most, EC2's
   * limit).
   */
  public static String ofBackendSecurityGroup(String cluster) {
    return "k8s-traffic-" + clean(cluster, 232) + "-" + sha256(new String[] {cluster}, 10);
  }

  private static String clean(String text, int max) {
    var alphanumeric = text.replaceAll("[^A-Za-z0-9]", "");
    return alphanumeric.length() > max ? alphanumeric.substring(0, max) : alphanumeric;
  }

  private static String sha256(String[] inputs, int length) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      for (var input : inputs) {
        digest.update((input == null ? "" : input).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
