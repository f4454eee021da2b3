package io.elbv2.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS certificates for webhook tests, made with openssl as PEM files {@code tls.crt} and {@code
 * tls.key} in a folder, as a Kubernetes TLS Secret holds them.
 */
public final class Certificates {

  private Certificates() {}

  /** A self-signed certificate: its own CA. */
  public static void selfSigned(Path folder, String commonName) {
    openssl(
        "req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=" + commonName,
        "-keyout",
        folder.resolve("tls.key"),
        "-out",
        folder.resolve("tls.crt"));
  }

  /** A self-signed certificate for DNS names, the first its common name. */
  public static void selfSigned(Path folder, List<String> dnsNames) {
    var names = String.join(",", dnsNames.stream().map(n -> "DNS:" + n).toList());
    openssl(
        "req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN="
            + dnsNames.get(0)
            + " -addext subjectAltName="
            + names,
        "-keyout",
        folder.resolve("tls.key"),
        "-out",
        folder.resolve("tls.crt"));
  }

  /** A serving certificate for 127.0.0.1 signed by a CA, with a new key and a random serial. */
  public static void forLocalhost(Path folder, String commonName, Path caCert, Path caKey) {
    try {
      var extensions =
          Files.writeString(folder.resolve("extensions"), "subjectAltName=IP:127.0.0.1\n");
      var request = folder.resolve("tls.csr");
      openssl(
          "req -newkey rsa:2048 -nodes -subj /CN=" + commonName,
          "-keyout",
          folder.resolve("tls.key"),
          "-out",
          request);
      openssl(
          "x509 -req -days 1 -set_serial 0x" + new BigInteger(64, new SecureRandom()).toString(16),
          "-in",
          request,
          "-CA",
          caCert,
          "-CAkey",
          caKey,
          "-extfile",
          extensions,
          "-out",
          folder.resolve("tls.crt"));
      Files.delete(request);
      Files.delete(extensions);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static X509Certificate read(Path pem) {
    try (var in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(pem + " holds no certificate", e);
    }
  }

  /** The certificate a TLS server on 127.0.0.1 presents, which the CA must have signed. */
  public static X509Certificate served(int port, Path caCert) throws IOException {
    try {
      var trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", read(caCert));
      var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      var tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      try (var socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
        socket.startHandshake();
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs openssl with fixed options (split at spaces) followed by arguments such as files. */
  private static void openssl(String options, Object... arguments) {
    var command = new ArrayList<String>();
    command.add("openssl");
    command.addAll(List.of(options.split(" ")));
    for (var argument : arguments) {
      command.add(argument.toString());
    }
    Commands.run(command.toArray(String[]::new));
  }
}
