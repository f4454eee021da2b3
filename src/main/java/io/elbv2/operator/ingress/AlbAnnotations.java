package io.elbv2.operator.ingress;

import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code alb.ingress.kubernetes.io/} annotations this operator serves. Any other annotation of
 * that prefix is refused by name (a Warning event {@code FailedBuildModel}, nothing made for the
 * group), so that nobody gets a load balancer without what they asked for.
 */
public final class AlbAnnotations {

  public static final String PREFIX = "alb.ingress.kubernetes.io/";

  public static final String SCHEME = PREFIX + "scheme";
  public static final String LOAD_BALANCER_NAME = PREFIX + "load-balancer-name";
  public static final String IP_ADDRESS_TYPE = PREFIX + "ip-address-type";
  public static final String SUBNETS = PREFIX + "subnets";
  public static final String INBOUND_CIDRS = PREFIX + "inbound-cidrs";
  public static final String LOAD_BALANCER_ATTRIBUTES = PREFIX + "load-balancer-attributes";
  public static final String TAGS = PREFIX + "tags";
  public static final String LISTEN_PORTS = PREFIX + "listen-ports";
  public static final String CERTIFICATE_ARN = PREFIX + "certificate-arn";
  public static final String SSL_POLICY = PREFIX + "ssl-policy";
  public static final String SSL_REDIRECT = PREFIX + "ssl-redirect";
  public static final String TARGET_TYPE = PREFIX + "target-type";
  public static final String BACKEND_PROTOCOL = PREFIX + "backend-protocol";
  public static final String BACKEND_PROTOCOL_VERSION = PREFIX + "backend-protocol-version";
  public static final String TARGET_GROUP_ATTRIBUTES = PREFIX + "target-group-attributes";
  public static final String HC_PROTOCOL = PREFIX + "healthcheck-protocol";
  public static final String HC_PORT = PREFIX + "healthcheck-port";
  public static final String HC_PATH = PREFIX + "healthcheck-path";
  public static final String HC_INTERVAL = PREFIX + "healthcheck-interval-seconds";
  public static final String HC_TIMEOUT = PREFIX + "healthcheck-timeout-seconds";
  public static final String HC_HEALTHY = PREFIX + "healthy-threshold-count";
  public static final String HC_UNHEALTHY = PREFIX + "unhealthy-threshold-count";
  public static final String SUCCESS_CODES = PREFIX + "success-codes";

  public static final Set<String> SUPPORTED =
      Set.of(
          SCHEME,
          LOAD_BALANCER_NAME,
          IP_ADDRESS_TYPE,
          SUBNETS,
          INBOUND_CIDRS,
          LOAD_BALANCER_ATTRIBUTES,
          TAGS,
          LISTEN_PORTS,
          CERTIFICATE_ARN,
          SSL_POLICY,
          SSL_REDIRECT,
          TARGET_TYPE,
          BACKEND_PROTOCOL,
          BACKEND_PROTOCOL_VERSION,
          TARGET_GROUP_ATTRIBUTES,
          HC_PROTOCOL,
          HC_PORT,
          HC_PATH,
          HC_INTERVAL,
          HC_TIMEOUT,
          HC_HEALTHY,
          HC_UNHEALTHY,
          SUCCESS_CODES,
          IngressGroup.NAME,
          IngressGroup.ORDER);

  private AlbAnnotations() {}

  /** The annotations of the prefix that this operator does not serve, sorted. */
  static Set<String> refused(Set<String> names) {
    var found = new TreeSet<String>();
    for (var name : names) {
      if (name.startsWith(PREFIX)
          && !SUPPORTED.contains(name)
          && !name.startsWith(AnnotatedActions.PREFIX)) {
        found.add(name);
      }
    }
    return found;
  }
}
