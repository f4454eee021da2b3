package io.elbv2.operator.discovery;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Certificates and TLS policies for model builder tests: the certificates given, each covering its
 * hosts exactly as written (a {@code *.} wildcard covering one label), and the TLS policies given.
 */
public record FixedCertificates(Map<String, Set<String>> hostsByArn, Set<String> policies)
    implements CertificateLookup, SslPolicyLookup {

  public static final FixedCertificates NONE =
      new FixedCertificates(
          Map.of(),
          Set.of(
              "ELBSecurityPolicy-2016-08",
              "ELBSecurityPolicy-TLS13-1-2-2021-06",
              "ELBSecurityPolicy-FS-1-2-Res-2020-10"));

  public FixedCertificates withCertificate(String arn, String... hosts) {
    var certificates = new TreeMap<>(hostsByArn);
    certificates.put(arn, Set.of(hosts));
    return new FixedCertificates(certificates, policies);
  }

  @Override
  public Map<String, SortedSet<String>> covering(Set<String> hosts) {
    var found = new TreeMap<String, SortedSet<String>>();
    for (var host : hosts) {
      var arns = new TreeSet<String>();
      hostsByArn.forEach(
          (arn, domains) -> {
            if (domains.stream().anyMatch(d -> AcmCertificateLookup.covers(d, host))) {
              arns.add(arn);
            }
          });
      found.put(host, arns);
    }
    return found;
  }

  @Override
  public boolean exists(String policy) {
    return policies.contains(policy);
  }
}
