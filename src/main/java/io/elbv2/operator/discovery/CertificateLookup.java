package io.elbv2.operator.discovery;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * The ACM certificates an HTTPS listener may serve for hosts no certificate is named for, as the Go
 * controller's {@code pkg/certs} discovers them: ISSUED certificates whose domain name or a subject
 * alternative name covers the host, a wildcard {@code *.example.com} covering exactly one label.
 * The AWS-backed one lives outside the model and answers a burst of Ingresses from a cache.
 */
public interface CertificateLookup {

  /**
   * @return for each host, the ARNs of the certificates that cover it, sorted; an empty set for a
   *     host none covers
   */
  Map<String, SortedSet<String>> covering(Set<String> hosts);
}
