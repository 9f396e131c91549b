package dev.coffer.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtLoginRefusalTest {
  private JwtFixture f;

  @BeforeEach
  void setUp() {
    f = new JwtFixture().withDiscovery();
    f.admin.write(
        "role/ci",
        Map.of(
            "role_type", "jwt",
            "user_claim", "sub",
            "bound_audiences", List.of("coffer"),
            "bound_claims", Map.of("team", List.of("blue", "green")),
            "token_policies", List.of("ci")));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private JWTClaimsSet.Builder good() {
    return f.claims().audience("coffer").claim("team", "blue");
  }

  @Test
  void aGoodTokenLogsIn() {
    f.admin.write("role/ci", Map.of("claim_mappings", Map.of("team", "team")));
    var login = f.login("ci", f.idp.sign(good().build()));
    assertThat(login.aliasName()).isEqualTo("user-1");
    assertThat(login.displayName()).isEqualTo("user-1");
    assertThat(login.policies()).containsExactly("ci");
    assertThat(login.aliasMetadata()).containsExactly(Map.entry("team", "blue"));
    // as Vault: the token's metadata is the role plus the mapped claims
    assertThat(login.metadata()).containsEntry("role", "ci").containsEntry("team", "blue");
  }

  @Test
  void anExpiredTokenIsRefused() {
    String jwt = f.idp.sign(good().build());
    f.clock.advance(Duration.ofMinutes(5).plusSeconds(150 + 60 + 1));
    f.assertRefused("ci", jwt, ClaimValidator.EXPIRED);
  }

  @Test
  void anExpiredTokenWithinTheLeewaysStillLogsIn() {
    String jwt = f.idp.sign(good().build());
    f.clock.advance(Duration.ofMinutes(5).plusSeconds(150 + 60 - 1));
    assertThat(f.login("ci", jwt).aliasName()).isEqualTo("user-1");
  }

  @Test
  void disabledLeewaysRefuseATokenOneSecondAfterExpiry() {
    f.admin.write("role/ci", Map.of("expiration_leeway", -1, "clock_skew_leeway", "-1"));
    String jwt = f.idp.sign(good().build());
    f.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    f.assertRefused("ci", jwt, ClaimValidator.EXPIRED);
  }

  @Test
  void aTokenWithoutExpiryIsRefused() {
    f.assertRefused("ci", f.idp.sign(good().expirationTime(null).build()), ClaimValidator.NO_EXP);
  }

  @Test
  void aTokenNotYetValidIsRefused() {
    var future = Date.from(f.clock.instant().plus(Duration.ofMinutes(10)));
    f.assertRefused(
        "ci",
        f.idp.sign(good().notBeforeTime(future).issueTime(null).build()),
        ClaimValidator.NOT_YET_VALID);
  }

  @Test
  void aTokenIssuedInTheFutureIsRefused() {
    var future = Date.from(f.clock.instant().plus(Duration.ofMinutes(10)));
    f.assertRefused(
        "ci",
        f.idp.sign(good().notBeforeTime(null).issueTime(future).build()),
        ClaimValidator.ISSUED_IN_FUTURE);
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() {
    f.assertRefused(
        "ci",
        f.idp.sign(good().issuer("https://evil.example").build()),
        ClaimValidator.WRONG_ISSUER);
  }

  @Test
  void boundIssuerOverridesTheDiscoveredIssuer() {
    f.admin.write(
        "config",
        Map.of("oidc_discovery_url", f.idp.issuer(), "bound_issuer", "https://other.example"));
    f.assertRefused("ci", f.idp.sign(good().build()), ClaimValidator.WRONG_ISSUER);
  }

  @Test
  void aTokenWithoutAudienceIsRefusedWhenTheRoleBindsAudiences() {
    f.assertRefused(
        "ci", f.idp.sign(good().audience((String) null).build()), ClaimValidator.AUDIENCE_MISSING);
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    f.assertRefused(
        "ci", f.idp.sign(good().audience("other").build()), ClaimValidator.AUDIENCE_MISMATCH);
  }

  @Test
  void aTokenWithAnAudienceIsRefusedByARoleThatBindsNone() {
    f.admin.write("role/open", Map.of("role_type", "jwt", "user_claim", "sub"));
    f.assertRefused("open", f.idp.sign(good().build()), ClaimValidator.AUDIENCE_NOT_BOUND);
  }

  @Test
  void aTokenWithAnUnknownKeyIdIsRefused() {
    var stranger = FakeIdentityProvider.newRsa("stranger");
    f.assertRefused(
        "ci",
        FakeIdentityProvider.sign(stranger, JWSAlgorithm.RS256, "stranger", good().build()),
        TokenVerifier.UNKNOWN_KID);
  }

  @Test
  void anUnsignedTokenIsRefused() {
    f.assertRefused("ci", new PlainJWT(good().build()).serialize(), TokenVerifier.ALG_NONE);
  }

  @Test
  void anHmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
    // algorithm confusion: HS256 "signed" with the provider's public key bytes
    byte[] secret = f.idp.rsa.toPublicJWK().toRSAPublicKey().getEncoded();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(f.idp.rsa.getKeyID()).build(),
            good().build());
    jwt.sign(new MACSigner(secret));
    f.assertRefused("ci", jwt.serialize(), TokenVerifier.HMAC);
  }

  @Test
  void aTokenWithABadSignatureIsRefused() throws Exception {
    SignedJWT signed = SignedJWT.parse(f.idp.sign(good().build()));
    Base64URL[] parts = signed.getParsedParts();
    String tampered =
        parts[0] + "." + good().subject("admin").build().toPayload().toBase64URL() + "." + parts[2];
    f.assertRefused("ci", tampered, TokenVerifier.BAD_SIGNATURE);
  }

  @Test
  void aTokenSignedByAnotherKeyUnderAKnownKeyIdIsRefused() {
    var impostor = FakeIdentityProvider.newRsa("rsa-1");
    f.assertRefused(
        "ci",
        FakeIdentityProvider.sign(impostor, JWSAlgorithm.RS256, "rsa-1", good().build()),
        TokenVerifier.BAD_SIGNATURE);
  }

  @Test
  void anAlgorithmOutsideTheSupportedListIsRefused() {
    f.admin.write(
        "config",
        Map.of("oidc_discovery_url", f.idp.issuer(), "jwt_supported_algs", List.of("ES256")));
    f.assertRefused("ci", f.idp.sign(good().build()), TokenVerifier.UNSUPPORTED_ALG);
  }

  @Test
  void aClaimOutsideTheBoundValuesIsRefused() {
    f.assertRefused(
        "ci",
        f.idp.sign(good().claim("team", "red").build()),
        "error validating claims: claim \"team\" does not match any associated bound claim values");
  }

  @Test
  void aMissingBoundClaimIsRefused() {
    f.assertRefused(
        "ci",
        f.idp.sign(good().claim("team", null).build()),
        "error validating claims: claim \"team\" is missing");
  }

  @Test
  void aBoundSubjectMismatchIsRefused() {
    f.admin.write("role/ci", Map.of("bound_subject", "user-2"));
    f.assertRefused("ci", f.idp.sign(good().build()), ClaimValidator.SUBJECT_MISMATCH);
  }

  @Test
  void aLoginFromOutsideTheBoundCidrsIsRefusedWith403AsInVault() {
    f.admin.write("role/ci", Map.of("token_bound_cidrs", List.of("192.168.0.0/16")));
    String jwt = f.idp.sign(good().build());
    assertThatThrownBy(() -> f.login("ci", jwt))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
              assertThat(e.errors()).containsExactly(JwtAuthMethod.INVALID_CIDR);
            });
    assertThat(f.loginFrom("192.168.4.5", "ci", f.idp.sign(good().build())).boundCidrs())
        .containsExactly("192.168.0.0/16");
  }

  @Test
  void anUnknownRoleIsRefused() {
    f.assertRefused("nope", f.idp.sign(good().build()), "role \"nope\" could not be found");
  }

  @Test
  void aLoginWithoutRoleAndWithoutDefaultRoleIsRefused() {
    f.assertRefused(null, f.idp.sign(good().build()), JwtAuthMethod.MISSING_ROLE);
  }

  @Test
  void theDefaultRoleServesALoginThatNamesNone() {
    f.admin.write("config", Map.of("oidc_discovery_url", f.idp.issuer(), "default_role", "ci"));
    assertThat(f.login(null, f.idp.sign(good().build())).policies()).containsExactly("ci");
  }

  @Test
  void aMalformedTokenIsRefusedWithoutEchoingIt() {
    f.assertRefused("ci", "not-a-jwt.secret-part", TokenVerifier.MALFORMED);
  }

  @Test
  void aMissingTokenIsRefused() {
    f.assertRefused("ci", "", JwtAuthMethod.MISSING_TOKEN);
  }

  @Test
  void anOidcRoleCannotLogInThroughTheJwtPath() {
    f.admin.write(
        "role/web",
        Map.of(
            "role_type",
            "oidc",
            "user_claim",
            "sub",
            "allowed_redirect_uris",
            "http://localhost:8250/oidc/callback"));
    f.assertRefused("web", f.idp.sign(good().build()), JwtAuthMethod.OIDC_ROLE);
  }

  @Test
  void aMissingUserClaimIsRefused() {
    f.admin.write("role/ci", Map.of("user_claim", "email"));
    f.assertRefused("ci", f.idp.sign(good().build()), "claim \"email\" not found in token");
  }

  @Test
  void aLoginBeforeConfigurationIsRefused() {
    try (JwtFixture bare = new JwtFixture()) {
      assertThatThrownBy(() -> bare.login("ci", "a.b.c"))
          .isInstanceOfSatisfying(
              CofferException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                assertThat(e.errors()).containsExactly(JwtAuthMethod.NOT_CONFIGURED);
              });
    }
  }
}
