package io.elbv2.operator.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validated operator settings: what the rest of the code reads instead of {@link OperatorConfig}.
 *
 * @param partition derived from the region; decides ARNs, DNS suffix and which services exist
 */
public record OperatorSettings(
    String clusterName,
    String region,
    AwsPartition partition,
    Optional<String> vpcId,
    Optional<URI> awsEndpoint,
    int awsMaxRetries,
    Duration awsCallTimeout,
    Duration awsAttemptTimeout,
    int awsMaxConcurrentCalls,
    String ingressClass,
    String loadBalancerClass,
    boolean manageInTreeNlbServices,
    Map<String, String> defaultTags,
    Set<String> externalManagedTags,
    boolean shieldEnabled,
    boolean wafEnabled,
    boolean wafv2Enabled,
    Map<FeatureGate, Boolean> featureGates,
    Duration targetGroupBindingResyncPeriod,
    Duration loadBalancerResyncPeriod,
    Duration readinessGateRecheckPeriod,
    int serviceMaxConcurrentCreations,
    int ingressMaxConcurrentCreations,
    Duration serviceMaxExponentialBackoffDelay,
    Duration ingressMaxExponentialBackoffDelay,
    Duration targetGroupBindingMaxExponentialBackoffDelay,
    List<String> allowedCertificateAuthorityArns) {

  private static final Pattern CLUSTER_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
  private static final List<String> RESERVED_TAG_PREFIXES =
      List.of(
          "aws:",
          "elbv2.k8s.aws/",
          "service.k8s.aws/",
          "ingress.k8s.aws/",
          "kubernetes.io/cluster/");
  private static final int MAX_DEFAULT_TAGS = 30;

  public OperatorSettings {
    defaultTags = Map.copyOf(defaultTags);
    externalManagedTags = Set.copyOf(externalManagedTags);
    featureGates = Map.copyOf(featureGates);
    allowedCertificateAuthorityArns = List.copyOf(allowedCertificateAuthorityArns);
  }

  public boolean enabled(FeatureGate gate) {
    return featureGates.getOrDefault(gate, gate.enabledByDefault());
  }

  /**
   * Validates the raw configuration.
   *
   * @throws InvalidConfigurationException naming every property that is wrong and why
   */
  public static OperatorSettings from(OperatorConfig config) {
    var problems = new ArrayList<String>();

    var clusterName = config.clusterName().map(String::trim).orElse("");
    if (clusterName.isEmpty()) {
      problems.add("elbv2.cluster-name (ELBV2_CLUSTER_NAME) is required");
    } else if (!CLUSTER_NAME.matcher(clusterName).matches()) {
      problems.add(
          "elbv2.cluster-name: '"
              + clusterName
              + "' must start with a letter or digit and hold at most 100 letters, digits, '-' or '_'");
    }

    var region = config.aws().region().map(String::trim).orElse("");
    if (region.isEmpty()) {
      problems.add("elbv2.aws.region (ELBV2_AWS_REGION) is required");
    } else if (!REGION.matcher(region).matches()) {
      problems.add(
          "elbv2.aws.region: '" + region + "' is not an AWS region name such as cn-north-1");
    }
    var partition = AwsPartition.ofRegion(region);

    var vpcId = config.aws().vpcId().map(String::trim).filter(id -> !id.isEmpty());
    vpcId
        .filter(id -> !VPC_ID.matcher(id).matches())
        .ifPresent(
            id -> problems.add("elbv2.aws.vpc-id: '" + id + "' is not a VPC id (vpc-0123abcd)"));

    if (config.aws().maxRetries() < 0) {
      problems.add("elbv2.aws.max-retries: must be 0 or more");
    }
    if (config.aws().attemptTimeout().isNegative()
        || config.aws().attemptTimeout().isZero()
        || config.aws().attemptTimeout().compareTo(config.aws().callTimeout()) > 0) {
      problems.add(
          "elbv2.aws.attempt-timeout: must be positive and not longer than elbv2.aws.call-timeout");
    }
    if (config.ingressClass().isBlank()) {
      problems.add("elbv2.ingress-class: must not be empty");
    }
    if (config.loadBalancerClass().isBlank()) {
      problems.add("elbv2.load-balancer-class: must not be empty");
    }

    var defaultTags = defaultTags(config.defaultTags().orElse(""), problems);
    var externalManagedTags =
        externalManagedTags(config.externalManagedTags().orElse(""), defaultTags, problems);
    var shield =
        serviceSwitch(
            "elbv2.enable-shield",
            "AWS Shield",
            config.enableShield(),
            partition.hasShield(),
            region,
            partition,
            problems);
    var waf =
        serviceSwitch(
            "elbv2.enable-waf",
            "AWS WAF Classic",
            config.enableWaf(),
            partition.hasWaf(),
            region,
            partition,
            problems);
    var wafv2 =
        serviceSwitch(
            "elbv2.enable-wafv2",
            "AWS WAFv2",
            config.enableWafv2(),
            partition.hasWaf(),
            region,
            partition,
            problems);
    var gates = featureGates(config.featureGates().orElse(""), problems);
    if (config.targetGroupBindingResyncPeriod().compareTo(Duration.ofSeconds(1)) < 0) {
      problems.add("elbv2.target-group-binding-resync-period: must be at least 1s");
    }
    if (config.loadBalancerResyncPeriod().compareTo(Duration.ofSeconds(1)) < 0) {
      problems.add("elbv2.load-balancer-resync-period: must be at least 1s");
    }
    if (config.readinessGateRecheckPeriod().compareTo(Duration.ofSeconds(1)) < 0) {
      problems.add("elbv2.readiness-gate-recheck-period: must be at least 1s");
    }
    if (config.aws().maxConcurrentCalls() < 0) {
      problems.add("elbv2.aws.max-concurrent-calls: must be 0 (no limit) or more");
    }
    if (config.serviceMaxConcurrentCreations() < 0) {
      problems.add("elbv2.service-max-concurrent-creations: must be 0 (no limit) or more");
    }
    if (config.ingressMaxConcurrentCreations() < 0) {
      problems.add("elbv2.ingress-max-concurrent-creations: must be 0 (no limit) or more");
    }
    atLeastASecond(
        "elbv2.service-max-exponential-backoff-delay",
        config.serviceMaxExponentialBackoffDelay(),
        problems);
    atLeastASecond(
        "elbv2.ingress-max-exponential-backoff-delay",
        config.ingressMaxExponentialBackoffDelay(),
        problems);
    atLeastASecond(
        "elbv2.targetgroupbinding-max-exponential-backoff-delay",
        config.targetGroupBindingMaxExponentialBackoffDelay(),
        problems);

    var allowedAuthorities =
        allowedCertificateAuthorities(
            config.allowedCertificateAuthorityArns().orElse(""), problems);

    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
    return new OperatorSettings(
        clusterName,
        region,
        partition,
        vpcId,
        config.aws().endpoint(),
        config.aws().maxRetries(),
        config.aws().callTimeout(),
        config.aws().attemptTimeout(),
        config.aws().maxConcurrentCalls(),
        config.ingressClass().trim(),
        config.loadBalancerClass().trim(),
        config.manageInTreeNlbServices(),
        defaultTags,
        externalManagedTags,
        shield,
        waf,
        wafv2,
        gates,
        config.targetGroupBindingResyncPeriod(),
        config.loadBalancerResyncPeriod(),
        config.readinessGateRecheckPeriod(),
        config.serviceMaxConcurrentCreations(),
        config.ingressMaxConcurrentCreations(),
        config.serviceMaxExponentialBackoffDelay(),
        config.ingressMaxExponentialBackoffDelay(),
        config.targetGroupBindingMaxExponentialBackoffDelay(),
        allowedAuthorities);
  }

  private static List<String> allowedCertificateAuthorities(String text, List<String> problems) {
    var arns =
        Arrays.stream(text.split(",")).map(String::trim).filter(arn -> !arn.isEmpty()).toList();
    arns.stream()
        .filter(arn -> !arn.startsWith("arn:"))
        .forEach(
            arn ->
                problems.add(
                    "elbv2.allowed-certificate-authority-arns: '"
                        + arn
                        + "' is not an ARN (arn:aws:acm-pca:...)"));
    return arns;
  }

  private static void atLeastASecond(String property, Duration value, List<String> problems) {
    if (value.compareTo(Duration.ofSeconds(1)) < 0) {
      problems.add(property + ": must be at least 1s");
    }
  }

  private static Map<String, String> defaultTags(String text, List<String> problems) {
    var tags = KeyValueList.parse("elbv2.default-tags", text, problems);
    if (tags.size() > MAX_DEFAULT_TAGS) {
      problems.add(
          "elbv2.default-tags: at most "
              + MAX_DEFAULT_TAGS
              + " tags, the rest is left for the operator's own");
    }
    tags.forEach(
        (key, value) -> {
          if (key.length() > 128 || value.length() > 256) {
            problems.add(
                "elbv2.default-tags: tag '"
                    + key
                    + "' exceeds AWS limits (key 128, value 256 characters)");
          }
          reservedPrefix(key)
              .ifPresent(
                  prefix ->
                      problems.add(
                          "elbv2.default-tags: tag '"
                              + key
                              + "' uses the prefix '"
                              + prefix
                              + "', which is reserved for the tags that mark ownership"));
        });
    return tags;
  }

  private static Set<String> externalManagedTags(
      String text, Map<String, String> defaultTags, List<String> problems) {
    var keys = new TreeSet<String>();
    for (var item : text.split(",")) {
      var key = item.trim();
      if (key.isEmpty()) {
        continue;
      }
      keys.add(key);
      reservedPrefix(key)
          .ifPresent(
              prefix ->
                  problems.add(
                      "elbv2.external-managed-tags: '"
                          + key
                          + "' uses the prefix '"
                          + prefix
                          + "', which is reserved for the tags that mark ownership"));
      if (defaultTags.containsKey(key)) {
        problems.add(
            "elbv2.external-managed-tags: '"
                + key
                + "' is also in elbv2.default-tags; a tag is either the operator's or managed elsewhere");
      }
    }
    return keys;
  }

  private static Optional<String> reservedPrefix(String key) {
    return RESERVED_TAG_PREFIXES.stream().filter(key::startsWith).findFirst();
  }

  private static boolean serviceSwitch(
      String property,
      String service,
      Optional<Boolean> requested,
      boolean available,
      String region,
      AwsPartition partition,
      List<String> problems) {
    if (requested.orElse(false) && !available) {
      problems.add(
          property
              + "=true: "
              + service
              + " does not exist in region "
              + region
              + " (partition "
              + partition.id()
              + "); set it to false");
    }
    return requested.orElse(available) && available;
  }

  private static Map<FeatureGate, Boolean> featureGates(String text, List<String> problems) {
    var gates = new EnumMap<FeatureGate, Boolean>(FeatureGate.class);
    KeyValueList.parse("elbv2.feature-gates", text, problems)
        .forEach(
            (name, value) -> {
              var gate =
                  java.util.Arrays.stream(FeatureGate.values())
                      .filter(g -> g.name().equals(name))
                      .findFirst();
              if (gate.isEmpty()) {
                problems.add(
                    "elbv2.feature-gates: unknown gate '"
                        + name
                        + "'; known: "
                        + java.util.Arrays.toString(FeatureGate.values()));
              } else if (!value.equals("true") && !value.equals("false")) {
                problems.add(
                    "elbv2.feature-gates: " + name + "=" + value + " must be true or false");
              } else {
                gates.put(gate.get(), Boolean.parseBoolean(value));
              }
            });
    return gates;
  }
}
