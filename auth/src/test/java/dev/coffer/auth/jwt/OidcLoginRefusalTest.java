package dev.coffer.auth.jwt;

import static dev.coffer.auth.jwt.OidcFixture.CLIENT_ID;
import static dev.coffer.auth.jwt.OidcFixture.CLIENT_SECRET;
import static dev.coffer.auth.jwt.OidcFixture.CLI_REDIRECT;
import static dev.coffer.auth.jwt.OidcFixture.CODE;
import static dev.coffer.auth.jwt.OidcFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way the OIDC browser flow refuses, each with its message and without leaking secrets. */
class OidcLoginRefusalTest {
  private final OidcFixture f = new OidcFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aRedirectUriNotListedOnTheRoleIsRefusedNamingIt() {
    assertRefused(
        () -> f.authUrl("operator", "https://evil.example/callback"),
        OidcFlow.UNAUTHORIZED_REDIRECT + "https://evil.example/callback");
    assertRefused(
        () -> f.authUrl("operator", OidcFixture.REDIRECT + "/"),
        OidcFlow.UNAUTHORIZED_REDIRECT + OidcFixture.REDIRECT + "/");
  }

  @Test
  void aLoopbackRedirectUriMatchesOnAnyPortButNotOnAnotherPath() {
    assertThat(f.authUrl("operator", "http://localhost:9123/oidc/callback").query())
        .containsEntry("redirect_uri", "http://localhost:9123/oidc/callback");
    assertRefused(
        () -> f.authUrl("operator", "http://localhost:8250/other"),
        OidcFlow.UNAUTHORIZED_REDIRECT + "http://localhost:8250/other");
  }

  @Test
  void anUnknownRoleOrAJwtRoleCannotStartTheFlow() {
    assertRefused(() -> f.authUrl("nobody", CLI_REDIRECT), "role \"nobody\" could not be found");
    f.jwt.admin.write("role/ci", Map.of("role_type", "jwt"));
    assertRefused(() -> f.authUrl("ci", CLI_REDIRECT), OidcFlow.JWT_ROLE);
    assertRefused(() -> f.authUrl("operator", ""), OidcFlow.MISSING_REDIRECT);
    assertRefused(() -> f.authUrl("", CLI_REDIRECT), JwtAuthMethod.MISSING_ROLE);
  }

  @Test
  void aMountWithoutOidcClientCannotStartTheFlow() {
    f.jwt.admin.write("config", Map.of("oidc_discovery_url", f.idp.issuer()));
    assertRefused(() -> f.authUrl("operator", CLI_REDIRECT), OidcFlow.NOT_CONFIGURED);
  }

  @Test
  void aStateThatWasNeverIssuedIsRefusedWithoutContactingTheProvider() {
    f.authUrl("operator", CLI_REDIRECT);
    assertRefused(() -> f.callback("forged-state", CODE, null), OidcFlow.EXPIRED_STATE);
    assertRefused(() -> f.callback("", CODE, null), OidcFlow.EXPIRED_STATE);
    assertThat(f.idp.tokenRequests()).isEmpty();
  }

  @Test
  void aStateWorksOnce() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken(a.nonce()).build());
    f.callback(a.state(), CODE, null);

    assertRefused(() -> f.callback(a.state(), CODE, null), OidcFlow.EXPIRED_STATE);
    assertThat(f.idp.tokenRequests()).hasSize(1);
  }

  @Test
  void aStateExpiresAfterTenMinutes() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken(a.nonce()).build());
    f.jwt.clock.advance(OidcStates.TTL);
    assertRefused(() -> f.callback(a.state(), CODE, null), OidcFlow.EXPIRED_STATE);
  }

  @Test
  void anIdTokenWithAnotherNonceOrNoneIsRefused() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken("a-nonce-from-another-login").build());
    assertRefused(() -> f.callback(a.state(), CODE, null), OidcFlow.INVALID_NONCE);

    OidcFixture.AuthUrl b = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken(b.nonce()).claim("nonce", null).build());
    assertRefused(() -> f.callback(b.state(), CODE, null), OidcFlow.INVALID_NONCE);
  }

  @Test
  void aNonceMismatchAlsoConsumesTheState() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken("wrong").build());
    assertRefused(() -> f.callback(a.state(), CODE, null), OidcFlow.INVALID_NONCE);
    f.providerIssues(f.idToken(a.nonce()).build());
    assertRefused(() -> f.callback(a.state(), CODE, null), OidcFlow.EXPIRED_STATE);
  }

  @Test
  void anIdTokenForAnotherClientIsRefused() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken(a.nonce()).audience("someone-else").build());
    assertRefused(() -> f.callback(a.state(), CODE, null), ClaimValidator.AUDIENCE_MISMATCH);
  }

  @Test
  void boundAudiencesReplaceTheClientIdButTheTokenMustStillBeForTheClient() {
    f.jwt.admin.write("role/operator", Map.of("bound_audiences", List.of("coffer-api")));
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken(a.nonce()).audience("coffer-api").build());
    assertRefused(() -> f.callback(a.state(), CODE, null), OidcFlow.NOT_FOR_CLIENT);

    OidcFixture.AuthUrl b = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken(b.nonce()).audience(List.of(CLIENT_ID, "coffer-api")).build());
    assertThat(f.callback(b.state(), CODE, null).aliasName()).isEqualTo("ada@example.com");
  }

  @Test
  void theRolesBoundClaimsApply() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken(a.nonce()).claim("groups", List.of("dev")).build());
    assertRefused(
        () -> f.callback(a.state(), CODE, null),
        "error validating claims: claim \"groups\" does not match any associated bound claim"
            + " values");
  }

  @Test
  void anIdTokenSignedByAnotherKeyOrExpiredIsRefused() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    String forged =
        FakeIdentityProvider.sign(
            FakeIdentityProvider.newRsa("rsa-1"),
            com.nimbusds.jose.JWSAlgorithm.RS256,
            "rsa-1",
            f.idToken(a.nonce()).build());
    f.idp.answerIdToken(forged);
    assertRefused(() -> f.callback(a.state(), CODE, null), TokenVerifier.BAD_SIGNATURE);

    OidcFixture.AuthUrl b = f.authUrl("operator", CLI_REDIRECT);
    f.providerIssues(f.idToken(b.nonce()).build());
    f.jwt.clock.advance(Duration.ofMinutes(9)); // token valid 5 min + 60 s skew + 150 s leeway
    assertRefused(() -> f.callback(b.state(), CODE, null), ClaimValidator.EXPIRED);
  }

  @Test
  void aRefusedCodeIsReportedWithoutTheCodeTheSecretOrTheProvidersDescription() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    f.idp.answerTokenRequests(
        400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"code "
            + CODE
            + " for client "
            + CLIENT_SECRET
            + " is invalid\"}");
    assertRefused(
        () -> f.callback(a.state(), CODE, null),
        TokenEndpoint.FAILED + "the token endpoint answered status 400 (invalid_grant).");
  }

  @Test
  void aFailingTokenEndpointIsAn502() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    f.idp.answerTokenRequests(500, "oops");
    assertThatThrownBy(() -> f.callback(a.state(), CODE, null))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_FAILURE));
  }

  @Test
  void aCallbackWithoutCodeIsRefused() {
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    assertRefused(() -> f.callback(a.state(), "", null), OidcFlow.NO_CODE);
  }

  @Test
  void aCallbackFromOutsideTheRolesCidrsIs403() {
    f.jwt.admin.write("role/operator", Map.of("token_bound_cidrs", List.of("10.0.0.0/8")));
    OidcFixture.AuthUrl a = f.authUrl("operator", CLI_REDIRECT);
    dev.coffer.spi.testkit.EngineHarness outside =
        new dev.coffer.spi.testkit.EngineHarness(
            f.jwt.method,
            "auth/jwt/",
            new dev.coffer.spi.ClientInfo("192.0.2.1", "", "", List.of()));
    assertThatThrownBy(
            () -> outside.write("oidc/callback", Map.of("state", a.state(), "code", CODE)))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
  }

  @Test
  void theConfigNeedsBothClientIdAndSecretAndDiscovery() {
    assertRefused(
        () ->
            f.jwt.admin.write(
                "config",
                Map.of("oidc_discovery_url", f.idp.issuer(), "oidc_client_id", CLIENT_ID)),
        "both 'oidc_client_id' and 'oidc_client_secret' must be set for OIDC");
    assertRefused(
        () ->
            f.jwt.admin.write(
                "config",
                Map.of(
                    "jwks_url", f.idp.jwksUrl(),
                    "oidc_client_id", CLIENT_ID,
                    "oidc_client_secret", CLIENT_SECRET)),
        "'oidc_discovery_url' must be set for OIDC");
    assertRefused(
        () ->
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
                    "fragment")),
        "invalid response_mode: \"fragment\" (expected query or form_post)");
  }

  @Test
  void anOidcRoleNeedsAllowedRedirectUris() {
    assertRefused(
        () -> f.jwt.admin.write("role/web", Map.of("role_type", "oidc")),
        "'allowed_redirect_uris' must be set if 'role_type' is 'oidc'");
  }
}
