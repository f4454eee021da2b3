package io.elbv2.operator.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;

/**
 * A listener as AWS has it (with its ARN) or as the stack wants it, its default actions naming
 * target groups by ARN.
 *
 * @param certificateArns the default certificate first, then the others (TLS only)
 * @param tags as the operator last read or wrote them
 *     <p>A class, not a record: the operator SDK's build step cannot look up {@code
 *     java.lang.Record}.
 */
public final class AwsListener {
  private final String arn;
  private final int port;
  private final String protocol;
  private final List<String> certificateArns;
  private final String sslPolicy;
  private final String alpnPolicy;
  private final List<Action> defaultActions;
  private final Map<String, String> tags;

  public AwsListener(
      String arn,
      int port,
      String protocol,
      List<String> certificateArns,
      String sslPolicy,
      String alpnPolicy,
      List<Action> defaultActions,
      Map<String, String> tags) {
    this.arn = arn;
    this.port = port;
    this.protocol = protocol;
    this.certificateArns = List.copyOf(certificateArns);
    this.sslPolicy = sslPolicy;
    this.alpnPolicy = alpnPolicy;
    this.defaultActions = List.copyOf(defaultActions);
    this.tags = Map.copyOf(tags);
  }

  public String arn() {
    return arn;
  }

  public int port() {
    return port;
  }

  public String protocol() {
    return protocol;
  }

  public List<String> certificateArns() {
    return certificateArns;
  }

  public String sslPolicy() {
    return sslPolicy;
  }

  public String alpnPolicy() {
    return alpnPolicy;
  }

  public List<Action> defaultActions() {
    return defaultActions;
  }

  public Map<String, String> tags() {
    return tags;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AwsListener other
        && Objects.equals(arn, other.arn)
        && port == other.port
        && Objects.equals(protocol, other.protocol)
        && Objects.equals(certificateArns, other.certificateArns)
        && Objects.equals(sslPolicy, other.sslPolicy)
        && Objects.equals(alpnPolicy, other.alpnPolicy)
        && Objects.equals(defaultActions, other.defaultActions)
        && Objects.equals(tags, other.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        arn, port, protocol, certificateArns, sslPolicy, alpnPolicy, defaultActions, tags);
  }

  @Override
  public String toString() {
    return "AwsListener["
        + "arn="
        + arn
        + ", "
        + "port="
        + port
        + ", "
        + "protocol="
        + protocol
        + ", "
        + "certificateArns="
        + certificateArns
        + ", "
        + "sslPolicy="
        + sslPolicy
        + ", "
        + "alpnPolicy="
        + alpnPolicy
        + ", "
        + "defaultActions="
        + defaultActions
        + ", "
        + "tags="
        + tags
        + "]";
  }

  /** AWS lists only the default certificate with the listener; the others are read on demand. */
  static AwsListener found(Listener listener, Map<String, String> tags) {
    return new AwsListener(
        listener.listenerArn(),
        listener.port(),
        listener.protocolAsString(),
        listener.certificates().stream().map(Certificate::certificateArn).toList(),
        listener.sslPolicy(),
        listener.alpnPolicy().stream().filter(p -> !"None".equals(p)).findFirst().orElse(null),
        listener.defaultActions(),
        tags);
  }

  AwsListener withTags(Map<String, String> tags) {
    return new AwsListener(
        arn, port, protocol, certificateArns, sslPolicy, alpnPolicy, defaultActions, tags);
  }

  boolean tls() {
    return "TLS".equals(protocol) || "HTTPS".equals(protocol);
  }

  String defaultCertificate() {
    return certificateArns.isEmpty() ? null : certificateArns.get(0);
  }

  /**
   * Whether this found listener is as wanted; SSL policy and certificate only count on TLS (AWS
   * reports a policy on every listener), and extra certificates are checked apart.
   */
  boolean sameAs(AwsListener wanted) {
    return protocol.equals(wanted.protocol)
        && AwsActions.same(defaultActions, wanted.defaultActions)
        && (!wanted.tls()
            || Objects.equals(defaultCertificate(), wanted.defaultCertificate())
                && Objects.equals(sslPolicy, wanted.sslPolicy)
                && Objects.equals(alpnPolicy, wanted.alpnPolicy));
  }
}
