package io.elbv2.operator.service;

/** Annotation names on Services, shared with the AWS Load Balancer Controller. */
public final class ServiceAnnotations {

  public static final String PREFIX = "service.beta.kubernetes.io/";
  public static final String LOAD_BALANCER_TYPE = PREFIX + "aws-load-balancer-type";

  private ServiceAnnotations() {}
}
