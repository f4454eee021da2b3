package io.elbv2.operator.config;

/** The AWS partition a region belongs to, and what it offers. */
public enum AwsPartition {
  AWS("aws", "amazonaws.com", true, true),
  AWS_CN("aws-cn", "amazonaws.com.cn", false, false),
  AWS_US_GOV("aws-us-gov", "amazonaws.com", true, true),
  AWS_ISO("aws-iso", "c2s.ic.gov", false, false),
  AWS_ISO_B("aws-iso-b", "sc2s.sgov.gov", false, false);

  private final String id;
  private final String dnsSuffix;
  private final boolean hasShield;
  private final boolean hasWaf;

  AwsPartition(String id, String dnsSuffix, boolean hasShield, boolean hasWaf) {
    this.id = id;
    this.dnsSuffix = dnsSuffix;
    this.hasShield = hasShield;
    this.hasWaf = hasWaf;
  }

  public static AwsPartition ofRegion(String region) {
    if (region.startsWith("cn-")) {
      return AWS_CN;
    }
    if (region.startsWith("us-gov-")) {
      return AWS_US_GOV;
    }
    if (region.startsWith("us-isob-")) {
      return AWS_ISO_B;
    }
    if (region.startsWith("us-iso-")) {
      return AWS_ISO;
    }
    return AWS;
  }

  /** The partition as it appears in ARNs: {@code aws}, {@code aws-cn}, ... */
  public String id() {
    return id;
  }

  /** Suffix of the partition's service endpoints and load balancer DNS names. */
  public String dnsSuffix() {
    return dnsSuffix;
  }

  public boolean hasShield() {
    return hasShield;
  }

  public boolean hasWaf() {
    return hasWaf;
  }
}
