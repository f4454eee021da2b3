package io.elbv2.operator.ingress;

import java.util.List;

/**
 * One listener of the group, as its members agree on it.
 *
 * @param certificateArns HTTPS only: the default certificate first, then the others, each once
 * @param sslPolicy HTTPS only: the TLS policy; {@code null} for HTTP
 */
record ListenPort(int port, String protocol, List<String> certificateArns, String sslPolicy) {

  ListenPort {
    certificateArns = List.copyOf(certificateArns);
  }

  boolean https() {
    return "HTTPS".equals(protocol);
  }
}
