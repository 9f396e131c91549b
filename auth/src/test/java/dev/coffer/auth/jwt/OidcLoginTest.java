package dev.coffer.auth.jwt;

import static dev.coffer.auth.jwt.OidcFixture.CLIENT_ID;
import static dev.coffer.auth.jwt.OidcFixture.CLIENT_SECRET;
import static dev.coffer.auth.jwt.OidcFixture.CLI_REDIRECT;
import static dev.coffer.auth.jwt.OidcFixture.CODE;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coffer.spi.Login;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OIDC browser flow that succeeds: auth_url, the provider, the code exchange, the login. */
class OidcLoginTest {
  private final OidcFixture f = new OidcFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void theAuthUrlSendsTheBrowserToTheProviderWithStateNonceAndAnS256Challenge() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);

    assertThat(a.base()).isEqualTo(f.idp.issuer() + "/authorize");
    assertThat(a.query())
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("redirect_uri", CLI_REDIRECT)
        .containsEntry("response_type", "code")
        .containsEntry("scope", "openid email groups")
        .containsEntry("code_challenge_method", "S256")
        .doesNotContainKey("response_mode");
    assertThat(a.state()).hasSizeGreaterThanOrEqualTo(43);
    assertThat(a.nonce()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(a.state());
    assertThat(a.query().get("code_challenge")).hasSize(43);
    assertThat(f.authUrl("operator", CLI_REDIRECT).state()).isNotEqualTo(a.state());
  }

  @Test
  void theFullFlowLogsTheOperatorInWithTheRolesPoliciesAndMappedClaims() {
    Login login = f.logIn();

    assertThat(login.aliasName()).isEqualTo("ada@example.com");
    assertThat(login.displayName()).isEqualTo("ada@example.com");
    assertThat(login.policies()).containsExactly("ops");
    assertThat(login.ttl()).hasHours(1);
    assertThat(login.aliasMetadata())
        .containsEntry("email", "ada@example.com")
        .containsEntry("name", "Ada");
    assertThat(login.metadata()).containsEntry("role", "operator").doesNotContainKey("nonce");
  }

  @Test
  void theCodeExchangeSendsTheVerifierWhoseS256IsTheChallengeAndAuthenticatesTheClient() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken(a.nonce()).build());
    f.callback(a.state(), CODE, null);

    assertThat(f.idp.tokenRequests()).hasSize(1);
    LoggedRequest exchange = f.idp.tokenRequests().get(0);
    Map<String, String> form = form(exchange.getBodyAsString());
    assertThat(form)
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("code", CODE)
        .containsEntry("redirect_uri", CLI_REDIRECT)
        .doesNotContainKey("client_secret");
    assertThat(OidcStates.challenge(form.get("code_verifier")))
        .isEqualTo(a.query().get("code_challenge"));
    String basic =
        Base64.getEncoder()
            .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    assertThat(exchange.getHeader("Authorization")).isEqualTo("Basic " + basic);
    assertThat(exchange.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
  }

  @Test
  void aProviderThatOnlySupportsClientSecretPostGetsTheSecretInTheForm() {
    f.idp.discovery("client_secret_post");
    f.configure();
    f.logIn();

    LoggedRequest exchange = f.idp.tokenRequests().get(0);
    assertThat(form(exchange.getBodyAsString()))
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("client_secret", CLIENT_SECRET);
    assertThat(exchange.containsHeader("Authorization")).isFalse();
  }

  @Test
  void theDefaultRoleIsUsedWhenAuthUrlNamesNone() {
    f.jwt.admin.write(
        "config",
        Map.of(
            "oidc_discovery_url",
            f.idp.issuer(),
            "oidc_client_id",
            CLIENT_ID,
            "oidc_client_secret",
            CLIENT_SECRET,
            "default_role",
            "operator"));
    OidcFixture.AuthUrl a = f.authUrl("", CLI_REDIRECT);
    f.providerIssues(f.idToken(a.nonce()).build());
    assertThat(f.callback(a.state(), CODE, null).metadata()).containsEntry("role", "operator");
  }

  @Test
  void aClientNonceGivenToAuthUrlMustBeRepeatedAtTheCallback() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT, "cli-nonce-1");
    f.providerIssues(f.idToken(a.nonce()).build());
    assertThat(f.callback(a.state(), CODE, "cli-nonce-1").aliasName()).isEqualTo("ada@example.com");

    OidcFixture.AuthUrl b = f.authUrl("operator", CLI_REDIRECT, "cli-nonce-2");
    OidcFixture.assertRefused(
        () -> f.callback(b.state(), CODE, "another"), OidcFlow.INVALID_CLIENT_NONCE);
  }

  @Test
  void theFormPostResponseModeIsAskedForWhenConfigured() {
    f.jwt.admin.write(
        "config",
        Map.of(
            "oidc_discovery_url",
            f.idp.issuer(),
            "oidc_client_id",
            CLIENT_ID,
            "oidc_client_secret",
            CLIENT_SECRET,
            "oidc_response_mode",
            "form_post"));
    assertThat(f.authUrl("operator", CLI_REDIRECT).query())
        .containsEntry("response_mode", "form_post");
  }

  @Test
  void theClientSecretIsNeverReadBackButSurvivesInStorage() {
    Map<String, Object> config = f.jwt.admin.read("config").data();
    assertThat(config)
        .containsEntry("oidc_client_id", CLIENT_ID)
        .doesNotContainKey("oidc_client_secret");
    assertThat(config.toString()).doesNotContain(CLIENT_SECRET);

    f.jwt.restart();
    assertThat(f.logIn().aliasName()).isEqualTo("ada@example.com");
  }

  @Test
  void theRoleReadShowsTheOidcFields() {
    assertThat(f.jwt.admin.read("role/operator").data())
        .containsEntry("role_type", "oidc")
        .containsEntry("oidc_scopes", java.util.List.of("email", "groups"))
        .containsEntry(
            "allowed_redirect_uris", java.util.List.of(OidcFixture.REDIRECT, CLI_REDIRECT));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      m.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return m;
  }
}
