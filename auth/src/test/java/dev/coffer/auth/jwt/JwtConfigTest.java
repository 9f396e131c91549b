package dev.coffer.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import dev.coffer.spi.CofferException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JwtConfigTest {
  private final JwtFixture f = new JwtFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private void assertInvalid(Map<String, Object> config, String message) {
    assertThatThrownBy(() -> f.admin.write("config", config))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.errors()).containsExactly(message));
  }

  @Test
  void aDiscoveryConfigIsStoredAndReadBack() {
    f.admin.write("config", Map.of("oidc_discovery_url", f.idp.issuer(), "default_role", "ci"));
    Map<String, Object> data = f.admin.read("config").data();
    assertThat(data)
        .containsEntry("oidc_discovery_url", f.idp.issuer())
        .containsEntry("default_role", "ci")
        .containsEntry("jwks_url", "")
        .containsEntry("jwt_supported_algs", List.of());
  }

  @Test
  void readingAnUnsetConfigAnswers404() {
    assertThatThrownBy(() -> f.admin.read("config"))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> assertThat(e.code()).isEqualTo(dev.coffer.spi.ErrorCode.NOT_FOUND));
  }

  @Test
  void aDiscoveryUrlThatServesNoDiscoveryDocumentIsRefused() {
    assertThatThrownBy(
            () ->
                f.admin.write("config", Map.of("oidc_discovery_url", f.idp.issuer() + "/nothing")))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> assertThat(e.errors().get(0)).startsWith("error checking oidc discovery URL: "));
  }

  @Test
  void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
    f.idp.server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.get(
                "/other/.well-known/openid-configuration")
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    "{\"issuer\":\"https://elsewhere\",\"jwks_uri\":\""
                        + f.idp.jwksUrl()
                        + "\"}")));
    assertThatThrownBy(
            () -> f.admin.write("config", Map.of("oidc_discovery_url", f.idp.issuer() + "/other")))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> assertThat(e.errors().get(0)).contains("issuer did not match"));
  }

  @Test
  void aJwksUrlThatDoesNotAnswerAKeySetIsRefused() {
    assertThatThrownBy(() -> f.admin.write("config", Map.of("jwks_url", f.idp.issuer() + "/no")))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> assertThat(e.errors().get(0)).startsWith("error checking jwks_url: "));
  }

  @Test
  void aJwksUrlConfigLogsInWithTheBoundIssuer() {
    f.admin.write("config", Map.of("jwks_url", f.idp.jwksUrl(), "bound_issuer", f.idp.issuer()));
    f.admin.write("role/ci", Map.of("role_type", "jwt", "bound_audiences", "coffer"));
    assertThat(f.login("ci", f.idp.sign(f.claims().audience("coffer").build())).aliasName())
        .isEqualTo("user-1");
  }

  @Test
  void noKeySourceIsRefused() {
    assertInvalid(
        Map.of("bound_issuer", "x"),
        "exactly one of 'jwt_validation_pubkeys', 'jwks_url' or 'oidc_discovery_url' must be set");
  }

  @Test
  void twoKeySourcesAreRefused() {
    assertInvalid(
        Map.of("oidc_discovery_url", f.idp.issuer(), "jwks_url", f.idp.jwksUrl()),
        "exactly one of 'jwt_validation_pubkeys', 'jwks_url' or 'oidc_discovery_url' must be set");
  }

  @Test
  void hmacInTheSupportedAlgorithmsIsRefused() {
    assertInvalid(
        Map.of("jwks_url", f.idp.jwksUrl(), "jwt_supported_algs", "RS256,HS256"),
        "jwt_supported_algs: HMAC algorithm HS256 is not supported: tokens are verified with"
            + " public keys only");
  }

  @Test
  void anUnknownAlgorithmIsRefused() {
    assertInvalid(
        Map.of("jwks_url", f.idp.jwksUrl(), "jwt_supported_algs", "XY999"),
        "jwt_supported_algs: unsupported algorithm \"XY999\"");
  }

  @Test
  void aCaPemWithoutItsUrlIsRefused() {
    assertInvalid(
        Map.of("jwks_url", f.idp.jwksUrl(), "oidc_discovery_ca_pem", "x"),
        "'oidc_discovery_ca_pem' requires 'oidc_discovery_url'");
  }

  @Test
  void aGarbageCaPemIsRefused() {
    assertInvalid(
        Map.of("jwks_url", f.idp.jwksUrl(), "jwks_ca_pem", "-----BEGIN CERTIFICATE-----\nAAAA"),
        "could not parse the CA PEM: expected PEM-encoded X.509 certificates");
  }

  @Test
  void staticPemKeysVerifyRsaAndEcTokens() throws Exception {
    String rsaPem = pem(f.idp.rsa.toRSAPublicKey().getEncoded());
    String ecPem = pem(f.idp.ec.toECPublicKey().getEncoded());
    f.admin.write(
        "config",
        Map.of("jwt_validation_pubkeys", List.of(rsaPem, ecPem), "bound_issuer", f.idp.issuer()));
    f.admin.write("role/ci", Map.of("role_type", "jwt", "bound_audiences", "coffer"));
    var claims = f.claims().audience("coffer").build();
    assertThat(f.login("ci", f.idp.sign(claims)).aliasName()).isEqualTo("user-1");
    assertThat(
            f.login("ci", FakeIdentityProvider.sign(f.idp.ec, JWSAlgorithm.ES256, null, claims))
                .aliasName())
        .isEqualTo("user-1");
    RSAKey other = FakeIdentityProvider.newRsa("z");
    f.assertRefused(
        "ci",
        FakeIdentityProvider.sign(other, JWSAlgorithm.RS256, null, claims),
        TokenVerifier.BAD_SIGNATURE);
    assertThat(f.idp.jwksFetches()).isZero();
  }

  @Test
  void aPemThatIsNotAPublicKeyIsRefused() {
    assertInvalid(
        Map.of("jwt_validation_pubkeys", List.of("hello")),
        "error parsing jwt_validation_pubkeys[0]: expected a PEM-encoded RSA or EC public key or"
            + " certificate");
  }

  private static String pem(byte[] der) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }
}
