package dev.coffer.auth.jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWKSet;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JWKS served over HTTPS by a provider whose certificate only {@code jwks_ca_pem} trusts. */
class JwtTlsTest {
  @TempDir static Path dir;
  private static WireMockServer https;
  private static String caPem;
  private final JwtFixture f = new JwtFixture();

  @BeforeAll
  static void startHttpsProvider() throws Exception {
    Path keystore = dir.resolve("idp.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "idp",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "san=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    Path cert = dir.resolve("idp.pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "idp",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "changeit",
        "-file",
        cert.toString());
    caPem = Files.readString(cert);
    https =
        new WireMockServer(
            options()
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(keystore.toString())
                .keystorePassword("changeit")
                .keyManagerPassword("changeit")
                .keystoreType("PKCS12"));
    https.start();
  }

  private static void keytool(String... args) throws Exception {
    String bin = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(bin));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  @AfterAll
  static void stopHttpsProvider() {
    https.stop();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private String jwksUrl() {
    https.stubFor(
        get("/keys").willReturn(okJson(new JWKSet(f.idp.rsa).toPublicJWKSet().toString())));
    return "https://localhost:" + https.httpsPort() + "/keys";
  }

  @Test
  void theJwksCaPemIsTrustedForTheKeySet() {
    f.admin.write(
        "config",
        Map.of("jwks_url", jwksUrl(), "jwks_ca_pem", caPem, "bound_issuer", f.idp.issuer()));
    f.admin.write("role/ci", Map.of("role_type", "jwt", "bound_audiences", "coffer"));
    assertThat(f.login("ci", f.idp.sign(f.claims().audience("coffer").build())).aliasName())
        .isEqualTo("user-1");
  }

  @Test
  void withoutTheCaPemTheProvidersCertificateIsNotTrusted() {
    assertThatThrownBy(() -> f.admin.write("config", Map.of("jwks_url", jwksUrl())))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
              assertThat(e.errors().get(0)).startsWith("error checking jwks_url: ");
            });
  }
}
