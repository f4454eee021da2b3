package io.elbv2.operator.build.nlb;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Annotation names on Services, shared with the AWS Load Balancer Controller, and which of them
 * this operator serves. Every annotation the Go controller documents (its {@code
 * docs/guide/service/annotations.md}) is either {@linkplain #SUPPORTED supported} or {@linkplain
 * #REFUSED refused} by name; none is read and dropped.
 */
public final class ServiceAnnotations {

  public static final String PREFIX = "service.beta.kubernetes.io/";
  private static final String LB = PREFIX + "aws-load-balancer-";

  public static final String LOAD_BALANCER_TYPE = LB + "type";
  public static final String TARGET_TYPE = LB + "nlb-target-type";
  public static final String NAME = LB + "name";
  public static final String SCHEME = LB + "scheme";
  public static final String INTERNAL = LB + "internal";
  public static final String SUBNETS = LB + "subnets";
  public static final String EIP_ALLOCATIONS = LB + "eip-allocations";
  public static final String PRIVATE_IPV4 = LB + "private-ipv4-addresses";
  public static final String IP_ADDRESS_TYPE = LB + "ip-address-type";
  public static final String ATTRIBUTES = LB + "attributes";
  public static final String ACCESS_LOG_ENABLED = LB + "access-log-enabled";
  public static final String ACCESS_LOG_BUCKET = LB + "access-log-s3-bucket-name";
  public static final String ACCESS_LOG_PREFIX = LB + "access-log-s3-bucket-prefix";
  public static final String CROSS_ZONE = LB + "cross-zone-load-balancing-enabled";
  public static final String TAGS = LB + "additional-resource-tags";
  public static final String SECURITY_GROUPS = LB + "security-groups";
  public static final String MANAGE_BACKEND_RULES = LB + "manage-backend-security-group-rules";
  public static final String DISABLE_NLB_SG = LB + "disable-nlb-sg";
  public static final String SSL_PORTS = LB + "ssl-ports";
  public static final String SSL_CERT = LB + "ssl-cert";
  public static final String SSL_POLICY = LB + "ssl-negotiation-policy";
  public static final String ALPN_POLICY = LB + "alpn-policy";
  public static final String BACKEND_PROTOCOL = LB + "backend-protocol";
  public static final String ENABLE_TCP_UDP = LB + "enable-tcp-udp-listener";
  public static final String PROXY_PROTOCOL = LB + "proxy-protocol";
  public static final String PROXY_PROTOCOL_PER_TARGET_GROUP =
      LB + "proxy-protocol-per-target-group";
  public static final String TARGET_GROUP_ATTRIBUTES = LB + "target-group-attributes";
  public static final String TARGET_NODE_LABELS = LB + "target-node-labels";
  public static final String MULTI_CLUSTER = LB + "multi-cluster-target-group";
  public static final String HC_PROTOCOL = LB + "healthcheck-protocol";
  public static final String HC_PORT = LB + "healthcheck-port";
  public static final String HC_PATH = LB + "healthcheck-path";
  public static final String HC_INTERVAL = LB + "healthcheck-interval";
  public static final String HC_TIMEOUT = LB + "healthcheck-timeout";
  public static final String HC_HEALTHY = LB + "healthcheck-healthy-threshold";
  public static final String HC_UNHEALTHY = LB + "healthcheck-unhealthy-threshold";
  public static final String HC_SUCCESS_CODES = LB + "healthcheck-success-codes";
  public static final String SOURCE_RANGES = PREFIX + "load-balancer-source-ranges";

  /** Port-specific target group attributes: {@code ...target-group-attributes.<port>}. */
  public static final String PORT_TARGET_GROUP_ATTRIBUTES = TARGET_GROUP_ATTRIBUTES + ".";

  /** The Go controller's Service annotations this operator serves. */
  public static final Set<String> SUPPORTED =
      Set.of(
          LOAD_BALANCER_TYPE,
          TARGET_TYPE,
          NAME,
          SCHEME,
          INTERNAL,
          SUBNETS,
          EIP_ALLOCATIONS,
          PRIVATE_IPV4,
          IP_ADDRESS_TYPE,
          ATTRIBUTES,
          ACCESS_LOG_ENABLED,
          ACCESS_LOG_BUCKET,
          ACCESS_LOG_PREFIX,
          CROSS_ZONE,
          TAGS,
          SECURITY_GROUPS,
          MANAGE_BACKEND_RULES,
          DISABLE_NLB_SG,
          SSL_PORTS,
          SSL_CERT,
          SSL_POLICY,
          ALPN_POLICY,
          BACKEND_PROTOCOL,
          ENABLE_TCP_UDP,
          PROXY_PROTOCOL,
          PROXY_PROTOCOL_PER_TARGET_GROUP,
          TARGET_GROUP_ATTRIBUTES,
          TARGET_NODE_LABELS,
          MULTI_CLUSTER,
          HC_PROTOCOL,
          HC_PORT,
          HC_PATH,
          HC_INTERVAL,
          HC_TIMEOUT,
          HC_HEALTHY,
          HC_UNHEALTHY,
          HC_SUCCESS_CODES,
          SOURCE_RANGES);

  /**
   * The Go controller's Service annotations this operator does not serve yet. A Service that
   * carries one is refused (a Warning event {@code FailedBuildModel} naming it, nothing made), so
   * that nobody gets a load balancer without what they asked for.
   */
  public static final Set<String> REFUSED =
      Set.of(
          LB + "security-group-prefix-lists",
          LB + "ipv6-addresses",
          LB + "inbound-sg-rules-on-private-link-traffic",
          LB + "enable-prefix-for-ipv6-source-nat",
          LB + "source-nat-ipv6-prefixes",
          LB + "minimum-load-balancer-capacity",
          LB + "enable-icmp-for-path-mtu-discovery",
          LB + "quic-enabled-ports");

  /**
   * Families of refused annotations, by prefix: {@code aws-load-balancer-listener-attributes.<
   * protocol>-<port>} and the listener actions {@code actions.<protocol>-<port>}.
   */
  public static final List<String> REFUSED_PREFIXES =
      List.of(LB + "listener-attributes.", PREFIX + "actions.");

  private ServiceAnnotations() {}

  /** The annotations of the Go controller's namespace that this operator refuses, sorted. */
  public static Set<String> refused(Set<String> names) {
    var found = new TreeSet<String>();
    for (var name : names) {
      if (REFUSED.contains(name) || REFUSED_PREFIXES.stream().anyMatch(name::startsWith)) {
        found.add(name);
      }
    }
    return found;
  }

  /**
   * Annotations under {@code service.beta.kubernetes.io/aws-load-balancer-} that neither the Go
   * controller documents nor this operator knows (often left over from the in-tree provider's
   * Classic Load Balancers), sorted: they change nothing, and a Warning says so.
   */
  public static Set<String> unknown(Set<String> names) {
    var found = new TreeSet<String>();
    for (var name : names) {
      if (name.startsWith(LB)
          && !SUPPORTED.contains(name)
          && !name.startsWith(PORT_TARGET_GROUP_ATTRIBUTES)
          && refused(Set.of(name)).isEmpty()) {
        found.add(name);
      }
    }
    return found;
  }
}
