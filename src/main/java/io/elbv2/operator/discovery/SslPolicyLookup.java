package io.elbv2.operator.discovery;

/** The TLS security policies ELBv2 offers (DescribeSSLPolicies), so a name can be checked first. */
public interface SslPolicyLookup {

  boolean exists(String policy);
}
