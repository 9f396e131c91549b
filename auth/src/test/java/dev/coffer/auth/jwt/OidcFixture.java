package dev.coffer.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Login;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A jwt mount configured for the OIDC browser flow against a {@link FakeIdentityProvider}, with an
 * {@code oidc} role {@code operator}. The test plays the browser: it reads state and nonce from the
 * authorization URL, signs the ID token the provider would issue and calls the callback.
 */
final class OidcFixture implements AutoCloseable {
  static final String CLIENT_ID = "coffer-client";
  static final String CLIENT_SECRET = "s3cr3t-client-secret-value";
  static final String REDIRECT = "https://coffer.example/ui/vault/auth/oidc/oidc/callback";
  static final String CLI_REDIRECT = "http://localhost:8250/oidc/callback";
  static final String CODE = "auth-code-4f1c9a";

  final JwtFixture jwt = new JwtFixture();
  final FakeIdentityProvider idp = jwt.idp;

  /** The parsed authorization URL of one {@code auth_url} answer. */
  record AuthUrl(String base, Map<String, String> query) {
    String state() {
      return query.get("state");
    }

    String nonce() {
      return query.get("nonce");
    }
  }

  OidcFixture() {
    configure();
    jwt.admin.write(
        "role/operator",
        Map.of(
            "role_type", "oidc",
            "allowed_redirect_uris", List.of(REDIRECT, CLI_REDIRECT),
            "user_claim", "email",
            "oidc_scopes", List.of("email", "groups"),
            "bound_claims", Map.of("groups", "ops"),
            "claim_mappings", Map.of("email", "email", "name", "name"),
            "token_policies", List.of("ops"),
            "token_ttl", "1h"));
  }

  /** Writes the config again (the discovery document is fetched then). */
  void configure() {
    jwt.admin.write(
        "config",
        Map.of(
            "oidc_discovery_url", idp.issuer(),
            "oidc_client_id", CLIENT_ID,
            "oidc_client_secret", CLIENT_SECRET));
  }

  AuthUrl authUrl(String role, String redirectUri) {
    return authUrl(role, redirectUri, null);
  }

  AuthUrl authUrl(String role, String redirectUri, String clientNonce) {
    Map<String, Object> body = new HashMap<>();
    body.put("role", role);
    body.put("redirect_uri", redirectUri);
    if (clientNonce != null) {
      body.put("client_nonce", clientNonce);
    }
    String url = (String) jwt.admin.write("oidc/auth_url", body).data().get("auth_url");
    URI u = URI.create(url);
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : u.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(decode(kv[0]), decode(kv[1]));
    }
    return new AuthUrl(url.substring(0, url.indexOf('?')), query);
  }

  /** Claims of the ID token the provider issues for the operator, with this nonce. */
  JWTClaimsSet.Builder idToken(String nonce) {
    return jwt.claims()
        .audience(CLIENT_ID)
        .claim("nonce", nonce)
        .claim("email", "ada@example.com")
        .claim("name", "Ada")
        .claim("groups", List.of("ops", "dev"));
  }

  /** The provider will answer this signed ID token to the code exchange. */
  void providerIssues(JWTClaimsSet claims) {
    idp.answerIdToken(idp.sign(claims));
  }

  Login callback(String state, String code, String clientNonce) {
    Map<String, Object> body = new HashMap<>();
    body.put("state", state);
    body.put("code", code);
    if (clientNonce != null) {
      body.put("client_nonce", clientNonce);
    }
    return jwt.admin.write("oidc/callback", body).login();
  }

  /** The whole flow for the operator with the CLI redirect URI. */
  Login logIn() {
    AuthUrl a = authUrl("operator", CLI_REDIRECT);
    providerIssues(idToken(a.nonce()).build());
    return callback(a.state(), CODE, null);
  }

  /** Asserts {@code call} fails with a 400 saying exactly {@code message}, without secrets. */
  static void assertRefused(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
              assertThat(e.errors()).containsExactly(message);
              assertThat(e.getMessage()).doesNotContain(CLIENT_SECRET).doesNotContain(CODE);
            });
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    jwt.close();
  }
}
