package dev.coffer.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator's browser login over real HTTP: {@code auth/oidc} mounted with type {@code oidc}, an
 * identity provider on WireMock (discovery, JWKS, token endpoint), the test playing the browser and
 * the CLI: auth_url, the provider's redirect with code and state, callback, then the token works.
 */
class OidcLoginOverHttpTest {
  private static final String CLIENT_ID = "coffer";
  private static final String CLIENT_SECRET = "idp-client-secret-123";
  private static final String REDIRECT = "http://localhost:8250/oidc/callback";

  private static WireMockServer idp;
  private static RSAKey key;
  private static CofferServer server;
  private static VaultApi root;
  private static VaultApi anonymous;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    idp = new WireMockServer(options().dynamicPort());
    idp.start();
    String issuer = "http://localhost:" + idp.port();
    idp.stubFor(
        get("/.well-known/openid-configuration")
            .willReturn(
                okJson(
                    "{\"issuer\":\""
                        + issuer
                        + "\",\"jwks_uri\":\""
                        + issuer
                        + "/jwks\",\"authorization_endpoint\":\""
                        + issuer
                        + "/authorize\",\"token_endpoint\":\""
                        + issuer
                        + "/token\"}")));
    idp.stubFor(get("/jwks").willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));

    server = TestServers.dev();
    root = TestServers.api(server, TestServers.ROOT);
    anonymous = TestServers.api(server, null);
    ok(root.post("sys/auth/oidc", "{\"type\":\"oidc\"}"));
    ok(
        root.post(
            "auth/oidc/config",
            "{\"oidc_discovery_url\":\""
                + issuer
                + "\",\"oidc_client_id\":\""
                + CLIENT_ID
                + "\",\"oidc_client_secret\":\""
                + CLIENT_SECRET
                + "\",\"default_role\":\"operator\"}"));
    ok(
        root.post(
            "auth/oidc/role/operator",
            "{\"role_type\":\"oidc\",\"allowed_redirect_uris\":[\""
                + REDIRECT
                + "\"],\"user_claim\":\"email\",\"bound_claims\":{\"groups\":\"ops\"},"
                + "\"claim_mappings\":{\"email\":\"email\"},\"token_policies\":[\"ops\"],"
                + "\"token_ttl\":\"1h\"}"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (idp != null) {
      idp.stop();
    }
  }

  private static void ok(Answer a) {
    assertThat(a.status()).as(a.raw()).isIn(200, 204);
  }

  /** Asks for an authorization URL as the CLI does and answers its query parameters. */
  private static Map<String, String> authUrl(String clientNonce) {
    Answer a =
        anonymous.post(
            "auth/oidc/oidc/auth_url",
            "{\"redirect_uri\":\"http://localhost:51234/oidc/callback\",\"client_nonce\":\""
                + clientNonce
                + "\"}");
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    URI url = URI.create(a.data().get("auth_url").asText());
    assertThat(url.getPath()).isEqualTo("/authorize");
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      q.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return q;
  }

  /** The provider, once the operator signed in, answers an ID token carrying this nonce. */
  private static void providerSignsIn(String nonce, String code) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer("http://localhost:" + idp.port())
            .audience(CLIENT_ID)
            .subject("00u1")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("nonce", nonce)
            .claim("email", "ada@example.com")
            .claim("groups", List.of("ops"))
            .build();
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
    jwt.sign(new RSASSASigner(key));
    idp.stubFor(
        post("/token")
            .withRequestBody(matching(".*code=" + code + ".*"))
            .willReturn(
                okJson(
                    "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\""
                        + jwt.serialize()
                        + "\"}")));
  }

  private static Answer callback(String state, String code, String clientNonce) {
    return anonymous.get(
        "auth/oidc/oidc/callback?state="
            + URLEncoder.encode(state, StandardCharsets.UTF_8)
            + "&code="
            + code
            + "&client_nonce="
            + clientNonce);
  }

  @Test
  void anOperatorLogsInThroughTheBrowserFlowAndTheStateWorksOnce() throws Exception {
    Map<String, String> q = authUrl("cli-1");
    assertThat(q)
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("scope", "openid");
    providerSignsIn(q.get("nonce"), "code-1");

    Answer login = callback(q.get("state"), "code-1", "cli-1");

    assertThat(login.status()).as(login.raw()).isEqualTo(200);
    String token = login.body().path("auth").path("client_token").asText();
    assertThat(login.body().path("auth").path("policies").toString()).contains("ops");
    Answer self = root.withToken(token).get("auth/token/lookup-self");
    assertThat(self.data().path("path").asText()).isEqualTo("auth/oidc/oidc/callback");
    assertThat(self.data().path("meta").path("role").asText()).isEqualTo("operator");
    idp.verify(
        postRequestedFor(urlEqualTo("/token"))
            .withRequestBody(matching(".*code_verifier=[A-Za-z0-9_-]{43}.*"))
            .withHeader("Authorization", matching("Basic .+")));

    Answer again = callback(q.get("state"), "code-1", "cli-1");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errors()).contains("Expired or missing OAuth state");
  }

  @Test
  void anUnlistedRedirectUriANonceMismatchAndAForgedStateAreRefusedWith400() throws Exception {
    Answer bad =
        anonymous.post(
            "auth/oidc/oidc/auth_url",
            "{\"role\":\"operator\",\"redirect_uri\":\"https://evil.example/cb\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errors()).contains("unauthorized redirect_uri: https://evil.example/cb");

    Map<String, String> q = authUrl("cli-2");
    providerSignsIn("not-the-issued-nonce", "code-2");
    Answer mismatch = callback(q.get("state"), "code-2", "cli-2");
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.errors()).contains("invalid nonce").doesNotContain("code-2");

    Answer forged = callback("forged", "code-2", "cli-2");
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.errors()).contains("Expired or missing OAuth state");
  }

  @Test
  void theConfigReadShowsTheClientIdButNeverTheSecret() {
    Answer config = root.get("auth/oidc/config");
    assertThat(config.data().path("oidc_client_id").asText()).isEqualTo(CLIENT_ID);
    assertThat(config.raw()).doesNotContain(CLIENT_SECRET).doesNotContain("oidc_client_secret");
  }
}
