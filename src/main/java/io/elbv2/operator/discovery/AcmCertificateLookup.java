package io.elbv2.operator.discovery;

import io.elbv2.operator.config.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateType;
import software.amazon.awssdk.services.acm.model.Filters;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;

/**
 * Finds the ACM certificates that cover hosts as the Go controller's {@code pkg/certs} does: the
 * ISSUED certificates of every key type, listed at most once a minute; the names each covers (its
 * subject alternative names, which include its domain name) described once and kept five minutes
 * for an imported certificate and ten hours for one ACM issued, whose names never change. With
 * {@code elbv2.allowed-certificate-authority-arns} set, a certificate from another authority covers
 * nothing. One lock: a burst of Ingresses costs one listing, not one each.
 */
@ApplicationScoped
public class AcmCertificateLookup implements CertificateLookup {

  static final Duration LISTING_KEPT = Duration.ofMinutes(1);
  static final Duration IMPORTED_NAMES_KEPT = Duration.ofMinutes(5);
  static final Duration ISSUED_NAMES_KEPT = Duration.ofHours(10);

  private record Kept<T>(T value, Instant until) {}

  private final AcmClient acm;
  private final Set<String> allowedAuthorities;
  private final Clock clock;
  private Kept<List<String>> listing;
  private final Map<String, Kept<Set<String>>> namesByArn = new HashMap<>();

  @Inject
  AcmCertificateLookup(AcmClient acm, OperatorSettings settings) {
    this(acm, settings.allowedCertificateAuthorityArns(), Clock.systemUTC());
  }

  AcmCertificateLookup(AcmClient acm, List<String> allowedAuthorities, Clock clock) {
    this.acm = acm;
    this.allowedAuthorities = Set.copyOf(allowedAuthorities);
    this.clock = clock;
  }

  @Override
  public Map<String, SortedSet<String>> covering(Set<String> hosts) {
    var namesByCertificate = namesByCertificate();
    var result = new LinkedHashMap<String, SortedSet<String>>();
    for (var host : hosts) {
      var arns = new TreeSet<String>();
      namesByCertificate.forEach(
          (arn, names) -> {
            if (names.stream().anyMatch(name -> covers(name, host))) {
              arns.add(arn);
            }
          });
      result.put(host, arns);
    }
    return result;
  }

  /** {@code *.example.com} covers one label more, {@code a.example.com}; any other name itself. */
  static boolean covers(String name, String host) {
    var n = name.toLowerCase(Locale.ROOT);
    var h = host.toLowerCase(Locale.ROOT);
    if (!n.startsWith("*.")) {
      return n.equals(h);
    }
    var dot = h.indexOf('.');
    return dot > 0 && h.substring(dot).equals(n.substring(1));
  }

  private synchronized Map<String, Set<String>> namesByCertificate() {
    var now = clock.instant();
    var result = new LinkedHashMap<String, Set<String>>();
    for (var arn : issuedCertificates(now)) {
      var names = names(arn, now);
      if (!names.isEmpty()) {
        result.put(arn, names);
      }
    }
    namesByArn.keySet().retainAll(result.keySet());
    return result;
  }

  private List<String> issuedCertificates(Instant now) {
    if (listing == null || !listing.until().isAfter(now)) {
      var arns =
          acm
              .listCertificatesPaginator(
                  r ->
                      r.certificateStatuses(CertificateStatus.ISSUED)
                          .includes(Filters.builder().keyTypes(KeyAlgorithm.knownValues()).build()))
              .certificateSummaryList()
              .stream()
              .map(s -> s.certificateArn())
              .toList();
      listing = new Kept<>(arns, now.plus(LISTING_KEPT));
    }
    return listing.value();
  }

  private Set<String> names(String arn, Instant now) {
    var kept = namesByArn.get(arn);
    if (kept != null && kept.until().isAfter(now)) {
      return kept.value();
    }
    CertificateDetail detail;
    try {
      detail = acm.describeCertificate(r -> r.certificateArn(arn)).certificate();
    } catch (ResourceNotFoundException deletedSinceListed) {
      return Set.of();
    }
    var names =
        allowedAuthorities.isEmpty()
                || (detail.certificateAuthorityArn() != null
                    && allowedAuthorities.contains(detail.certificateAuthorityArn()))
            ? Set.copyOf(detail.subjectAlternativeNames())
            : Set.<String>of();
    var keep = detail.type() == CertificateType.IMPORTED ? IMPORTED_NAMES_KEPT : ISSUED_NAMES_KEPT;
    namesByArn.put(arn, new Kept<>(names, now.plus(keep)));
    return names;
  }
}
