package dev.coffer.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.config.ListenerAddress;
import dev.coffer.config.ListenerConfig;
import dev.coffer.server.core.CoreResult;
import dev.coffer.spi.Response;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpServerTlsTest {
  @TempDir Path dir;

  enum KeyFormat {
    RSA_PKCS1,
    RSA_PKCS8,
    EC_SEC1
  }

  @Test
  void servesHttpsWithAnRsaPkcs1Key() throws Exception {
    assertServesHttps(KeyFormat.RSA_PKCS1);
  }

  @Test
  void servesHttpsWithAnRsaPkcs8Key() throws Exception {
    assertServesHttps(KeyFormat.RSA_PKCS8);
  }

  @Test
  void servesHttpsWithAnEcKey() throws Exception {
    assertServesHttps(KeyFormat.EC_SEC1);
  }

  @Test
  void aKeyFileWithoutAKeyIsRejectedNamingTheKey() throws Exception {
    Path cert = dir.resolve("cert.pem");
    X509Certificate c = writeCertAndKey(KeyFormat.RSA_PKCS1, cert, dir.resolve("key.pem"));
    assertThat(c).isNotNull();
    Path notAKey = Files.writeString(dir.resolve("bad.pem"), "hello");
    ListenerConfig listener =
        new ListenerConfig(new ListenerAddress("127.0.0.1", 0), cert, notAKey, 1024);
    assertThatThrownBy(() -> HttpServer.start(listener, r -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'listener.tls_key_file'");
  }

  private void assertServesHttps(KeyFormat format) throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    X509Certificate certificate = writeCertAndKey(format, cert, key);
    ListenerConfig listener =
        new ListenerConfig(new ListenerAddress("127.0.0.1", 0), cert, key, 1024);
    try (HttpServer server =
        HttpServer.start(
            listener, r -> new CoreResult.Ok(r.requestId(), Response.of(Map.of("tls", true))))) {
      assertThat(server.url()).startsWith("https://127.0.0.1:");
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
      var response =
          client.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/v1/sys/x")).build(),
              BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"tls\":true");
    }
  }

  private static SSLContext trusting(X509Certificate certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("server", certificate);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static X509Certificate writeCertAndKey(KeyFormat format, Path certFile, Path keyFile)
      throws Exception {
    boolean ec = format == KeyFormat.EC_SEC1;
    // BC's EC keys write the curve into "EC PRIVATE KEY", as openssl does; the JDK's do not.
    KeyPairGenerator gen =
        ec
            ? KeyPairGenerator.getInstance("EC", new BouncyCastleProvider())
            : KeyPairGenerator.getInstance("RSA");
    gen.initialize(ec ? 256 : 2048);
    KeyPair pair = gen.generateKeyPair();
    X500Name name = new X500Name("CN=localhost");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(1, ChronoUnit.HOURS)),
            Date.from(now.plus(1, ChronoUnit.DAYS)),
            name,
            pair.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder(ec ? "SHA256withECDSA" : "SHA256withRSA")
                        .build(pair.getPrivate())));
    try (Writer w = Files.newBufferedWriter(certFile);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(cert);
    }
    try (Writer w = Files.newBufferedWriter(keyFile);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      if (format == KeyFormat.RSA_PKCS8) {
        pem.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
      } else {
        pem.writeObject(pair.getPrivate());
      }
    }
    String keyPem = Files.readString(keyFile);
    String expected =
        switch (format) {
          case RSA_PKCS1 -> "BEGIN RSA PRIVATE KEY";
          case RSA_PKCS8 -> "BEGIN PRIVATE KEY";
          case EC_SEC1 -> "BEGIN EC PRIVATE KEY";
        };
    assertThat(keyPem).contains(expected);
    return cert;
  }
}
