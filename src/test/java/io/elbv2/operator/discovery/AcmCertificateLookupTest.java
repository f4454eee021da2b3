package io.elbv2.operator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbv2.operator.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.CertificateType;
import software.amazon.awssdk.services.acm.model.DescribeCertificateRequest;
import software.amazon.awssdk.services.acm.model.DescribeCertificateResponse;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ListCertificatesRequest;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;

class AcmCertificateLookupTest {

  private static final String PRIVATE_CA =
      "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/11111111";

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final Acm acm = new Acm();

  @Test
  void aWildcardCoversExactlyOneMoreLabelAndOtherNamesOnlyThemselves() {
    acm.issued("arn:cert/wild", CertificateType.IMPORTED, null, "*.example.com");
    acm.issued("arn:cert/apex", CertificateType.AMAZON_ISSUED, null, "example.com");

    var found =
        lookup(List.of())
            .covering(
                Set.of("shop.example.com", "a.b.example.com", "example.com", "Shop.Example.COM"));

    assertThat(found.get("shop.example.com")).containsExactly("arn:cert/wild");
    assertThat(found.get("Shop.Example.COM")).containsExactly("arn:cert/wild");
    assertThat(found.get("a.b.example.com")).isEmpty();
    assertThat(found.get("example.com")).containsExactly("arn:cert/apex");
  }

  @Test
  void everyCertificateThatCoversAHostIsFoundSorted() {
    acm.issued("arn:cert/b", CertificateType.IMPORTED, null, "shop.example.com");
    acm.issued("arn:cert/a", CertificateType.IMPORTED, null, "*.example.com", "example.com");

    assertThat(lookup(List.of()).covering(Set.of("shop.example.com")).get("shop.example.com"))
        .containsExactly("arn:cert/a", "arn:cert/b");
  }

  @Test
  void onlyIssuedCertificatesOfEveryKeyTypeAreListed() {
    lookup(List.of()).covering(Set.of("shop.example.com"));

    var asked = acm.listings.get(0);
    assertThat(asked.certificateStatuses()).containsExactly(CertificateStatus.ISSUED);
    assertThat(asked.includes().keyTypes()).containsAll(KeyAlgorithm.knownValues());
  }

  @Test
  void aBurstOfIngressesCostsOneListingAndOneDescriptionPerCertificate() {
    acm.issued("arn:cert/a", CertificateType.IMPORTED, null, "a.example.com");
    acm.issued("arn:cert/b", CertificateType.AMAZON_ISSUED, null, "b.example.com");
    var lookup = lookup(List.of());

    for (var i = 0; i < 20; i++) {
      lookup.covering(Set.of("a.example.com", "b.example.com"));
    }

    assertThat(acm.listings).hasSize(1);
    assertThat(acm.described).containsExactlyInAnyOrder("arn:cert/a", "arn:cert/b");
  }

  @Test
  void theListingIsReadAgainAfterAMinuteAndImportedNamesAfterFiveMinutesButIssuedOnesAreKept() {
    acm.issued("arn:cert/imported", CertificateType.IMPORTED, null, "a.example.com");
    acm.issued("arn:cert/issued", CertificateType.AMAZON_ISSUED, null, "b.example.com");
    var lookup = lookup(List.of());
    lookup.covering(Set.of("a.example.com"));

    clock.advance(Duration.ofSeconds(61));
    lookup.covering(Set.of("a.example.com"));
    assertThat(acm.listings).hasSize(2);
    assertThat(acm.described).hasSize(2);

    clock.advance(Duration.ofMinutes(5));
    lookup.covering(Set.of("a.example.com"));
    assertThat(acm.listings).hasSize(3);
    assertThat(acm.described)
        .containsExactlyInAnyOrder("arn:cert/imported", "arn:cert/issued", "arn:cert/imported");
  }

  @Test
  void aCertificateIssuedSinceTheLastListingIsFoundAfterAMinute() {
    var lookup = lookup(List.of());
    assertThat(lookup.covering(Set.of("new.example.com")).get("new.example.com")).isEmpty();

    acm.issued("arn:cert/new", CertificateType.AMAZON_ISSUED, null, "new.example.com");
    clock.advance(Duration.ofSeconds(61));

    assertThat(lookup.covering(Set.of("new.example.com")).get("new.example.com"))
        .containsExactly("arn:cert/new");
  }

  @Test
  void withAllowedAuthoritiesACertificateFromAnyOtherCoversNothing() {
    acm.issued("arn:cert/ours", CertificateType.PRIVATE, PRIVATE_CA, "shop.example.com");
    acm.issued("arn:cert/public", CertificateType.AMAZON_ISSUED, null, "shop.example.com");
    acm.issued(
        "arn:cert/other-ca",
        CertificateType.PRIVATE,
        "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/22222222",
        "shop.example.com");

    assertThat(
            lookup(List.of(PRIVATE_CA))
                .covering(Set.of("shop.example.com"))
                .get("shop.example.com"))
        .containsExactly("arn:cert/ours");
  }

  @Test
  void aCertificateDeletedBetweenListingAndDescriptionIsPassedOver() {
    acm.issued("arn:cert/gone", CertificateType.IMPORTED, null, "shop.example.com");
    acm.issued("arn:cert/kept", CertificateType.IMPORTED, null, "shop.example.com");
    acm.deletedAfterListing.add("arn:cert/gone");

    assertThat(lookup(List.of()).covering(Set.of("shop.example.com")).get("shop.example.com"))
        .containsExactly("arn:cert/kept");
  }

  private AcmCertificateLookup lookup(List<String> allowedAuthorities) {
    return new AcmCertificateLookup(acm, allowedAuthorities, clock);
  }

  /** ACM as far as discovery reads it: a listing in pages of one, and descriptions. */
  private static final class Acm implements AcmClient {

    final Map<String, CertificateDetail> certificates = new LinkedHashMap<>();
    final List<ListCertificatesRequest> listings = new CopyOnWriteArrayList<>();
    final List<String> described = new CopyOnWriteArrayList<>();
    final List<String> deletedAfterListing = new ArrayList<>();

    void issued(String arn, CertificateType type, String authority, String... names) {
      certificates.put(
          arn,
          CertificateDetail.builder()
              .certificateArn(arn)
              .type(type)
              .certificateAuthorityArn(authority)
              .domainName(names[0])
              .subjectAlternativeNames(names)
              .status(CertificateStatus.ISSUED)
              .build());
    }

    @Override
    public ListCertificatesResponse listCertificates(ListCertificatesRequest request) {
      if (request.nextToken() == null) {
        listings.add(request);
      }
      var arns = new ArrayList<>(certificates.keySet());
      var at = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
      var page = ListCertificatesResponse.builder();
      if (at < arns.size()) {
        page.certificateSummaryList(
            CertificateSummary.builder().certificateArn(arns.get(at)).build());
      }
      if (at + 1 < arns.size()) {
        page.nextToken(Integer.toString(at + 1));
      }
      return page.build();
    }

    @Override
    public DescribeCertificateResponse describeCertificate(DescribeCertificateRequest request) {
      described.add(request.certificateArn());
      if (deletedAfterListing.contains(request.certificateArn())) {
        throw ResourceNotFoundException.builder().message("not found").build();
      }
      return DescribeCertificateResponse.builder()
          .certificate(certificates.get(request.certificateArn()))
          .build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {}
  }
}
