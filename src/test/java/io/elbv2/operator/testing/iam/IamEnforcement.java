package io.elbv2.operator.testing.iam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;

/**
 * Applies the project's IAM policies ({@code kubernetes/iam-policy.json} and its {@code aws-cn}
 * twin) to calls on their way to moto, which enforces none: a call either policy denies is answered
 * as AWS answers it ({@code AccessDenied}, {@code UnauthorizedOperation}) and written to the
 * denied-calls file, which {@link IamDeniedCallsCheck} turns into a failed test. The tags a
 * condition needs are read from moto directly, not through the proxy, so no count changes.
 */
public final class IamEnforcement {

  /** The file denied calls are appended to, one per line; the build names it. */
  public static Path deniedCallsFile() {
    return Path.of(System.getProperty("iam-denied-calls-file", "target/iam-denied-calls.log"));
  }

  private final List<IamPolicy> policies;
  private final ElasticLoadBalancingV2Client elbv2;
  private final Ec2Client ec2;

  /**
   * @param elbv2 reads tags from moto directly, in the region of the calls
   * @param ec2 the same for security groups
   */
  public IamEnforcement(
      List<IamPolicy> policies, ElasticLoadBalancingV2Client elbv2, Ec2Client ec2) {
    this.policies = List.copyOf(policies);
    this.elbv2 = elbv2;
    this.ec2 = ec2;
  }

  /** The policies a user installs, read from the project's {@code kubernetes/} folder. */
  public static IamEnforcement ofProjectPolicies(
      ElasticLoadBalancingV2Client elbv2, Ec2Client ec2) {
    var dir = Path.of("kubernetes");
    return new IamEnforcement(
        List.of(
            IamPolicy.read(dir.resolve("iam-policy.json")),
            IamPolicy.read(dir.resolve("iam-policy-cn.json"))),
        elbv2,
        ec2);
  }

  /** Why the call is denied, or empty when every policy allows all its authorizations. */
  public Optional<String> denial(String service, String region, Map<String, String> parameters) {
    var authorizations = AwsCalls.authorizations(service, region, parameters, this::resourceTags);
    for (var authorization : authorizations) {
      for (var policy : policies) {
        try {
          var decision = policy.decide(authorization);
          if (!decision.allowed()) {
            return Optional.of(authorization + ": " + decision.reason());
          }
        } catch (ResourceGone e) {
          // AWS answers NotFound for an object that is gone; so will moto.
          break;
        }
      }
    }
    return Optional.empty();
  }

  /** Appends a denial to {@link #deniedCallsFile()}. */
  public static synchronized void record(String denial) {
    try {
      var file = deniedCallsFile();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          denial + System.lineSeparator(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> resourceTags(String arn) {
    if (arn.contains(":elasticloadbalancing:")) {
      try {
        return elbv2.describeTags(r -> r.resourceArns(arn)).tagDescriptions().stream()
            .flatMap(d -> d.tags().stream())
            .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b));
      } catch (ElasticLoadBalancingV2Exception e) {
        throw new ResourceGone(e);
      }
    }
    var id = arn.substring(arn.lastIndexOf('/') + 1);
    if (!id.startsWith("sg-")) {
      throw new IllegalStateException("tags of " + arn + " are not read");
    }
    try {
      return ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().stream()
          .flatMap(g -> g.tags().stream())
          .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b));
    } catch (Ec2Exception e) {
      throw new ResourceGone(e);
    }
  }

  /** The resource a condition reads tags of does not exist (any more). */
  private static final class ResourceGone extends RuntimeException {
    ResourceGone(Throwable cause) {
      super(cause);
    }
  }
}
