package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.config.ListenerAddress;
import dev.coffer.config.ListenerConfig;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.http.HttpServer;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsClientTest {
  @TempDir Path dir;

  @Test
  void theClientTrustsAServerSignedByTheGivenCaCertificate() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    selfSigned(cert, key);
    ListenerConfig listener =
        new ListenerConfig(new ListenerAddress("127.0.0.1", 0), cert, key, 1024);
    try (HttpServer server =
        HttpServer.start(
            listener,
            r ->
                new CoreResult.Raw(
                    r.requestId(), 200, Map.of("sealed", false, "type", "static")))) {
      String address = "https://127.0.0.1:" + server.port();

      CliRun untrusted = CliRun.run(Map.of("COFFER_ADDR", address), "", null, "status");
      assertThat(untrusted.exitCode()).isEqualTo(1);
      assertThat(untrusted.err()).contains("-ca-cert");

      CliRun trusted =
          CliRun.run(Map.of("COFFER_ADDR", address), "", null, "status", "-ca-cert=" + cert);
      assertThat(trusted.exitCode()).as(trusted.err()).isZero();

      CliRun fromEnv =
          CliRun.run(
              Map.of("VAULT_ADDR", address, "VAULT_CACERT", cert.toString()), "", null, "status");
      assertThat(fromEnv.exitCode()).as(fromEnv.err()).isZero();
    }
  }

  private static void selfSigned(Path certFile, Path keyFile) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair pair = gen.generateKeyPair();
    X500Name name = new X500Name("CN=localhost");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.ONE,
            Date.from(now.minus(1, ChronoUnit.HOURS)),
            Date.from(now.plus(1, ChronoUnit.DAYS)),
            name,
            pair.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    var cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    try (Writer w = Files.newBufferedWriter(certFile);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(cert);
    }
    try (Writer w = Files.newBufferedWriter(keyFile);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(pair.getPrivate());
    }
  }
}
