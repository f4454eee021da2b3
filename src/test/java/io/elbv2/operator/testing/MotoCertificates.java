package io.elbv2.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Certificates in moto's ACM, which checks that a TLS listener's certificate exists, made as the
 * account's administrator (not through the operator's IAM policy).
 */
public final class MotoCertificates {

  private MotoCertificates() {}

  /**
   * Requests a certificate for {@code domain} and returns its ARN; moto keeps it pending
   * validation, so discovery does not find it.
   */
  public static String request(LocalCluster cluster, String domain) {
    try (var acm = cluster.acmAdmin()) {
      return acm.requestCertificate(r -> r.domainName(domain)).certificateArn();
    }
  }

  /**
   * Imports a self-signed certificate for the names, which ACM has ISSUED at once, and returns its
   * ARN.
   */
  public static String imported(LocalCluster cluster, String... names) {
    try (var acm = cluster.acmAdmin()) {
      var folder = Files.createTempDirectory("certificate");
      Certificates.selfSigned(folder, List.of(names));
      var certificate = SdkBytes.fromByteArray(Files.readAllBytes(folder.resolve("tls.crt")));
      var key = SdkBytes.fromByteArray(Files.readAllBytes(folder.resolve("tls.key")));
      var arn =
          acm.importCertificate(r -> r.certificate(certificate).privateKey(key)).certificateArn();
      Files.delete(folder.resolve("tls.crt"));
      Files.delete(folder.resolve("tls.key"));
      Files.delete(folder);
      return arn;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a certificate that no listener serves any more. */
  public static void delete(LocalCluster cluster, String arn) {
    try (var acm = cluster.acmAdmin()) {
      acm.deleteCertificate(r -> r.certificateArn(arn));
    }
  }
}
