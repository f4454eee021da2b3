package io.elbv2.operator.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

/**
 * Certificates in moto's ACM, which checks that a TLS listener's certificate exists. The project
 * has no ACM client of its own, so this speaks ACM's JSON protocol directly.
 */
public final class MotoCertificates {

  private static final Pattern ARN = Pattern.compile("\"CertificateArn\"\\s*:\\s*\"([^\"]+)\"");

  private MotoCertificates() {}

  /** Requests a certificate for {@code domain} and returns its ARN. */
  public static String request(LocalCluster cluster, String domain) {
    var region = cluster.get("AWS_REGION");
    var request =
        HttpRequest.newBuilder(URI.create(cluster.get("AWS_ENDPOINT_URL")))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "CertificateManager.RequestCertificate")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential="
                    + cluster.get("AWS_ACCESS_KEY_ID")
                    + "/20260101/"
                    + region
                    + "/acm/aws4_request, SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString("{\"DomainName\":\"" + domain + "\"}"))
            .build();
    try {
      var body =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
      var arn = ARN.matcher(body);
      if (!arn.find()) {
        throw new IllegalStateException("moto did not issue a certificate: " + body);
      }
      return arn.group(1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
