package dev.coffer.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The organisation-wide GitHub Actions setup of docs/ci-without-secrets.md over real HTTP: one
 * {@code jwt} role and one templated policy serve every repository, and each repository's job reads
 * only {@code secret/data/ci/<its repository_id>/*}. The identity provider's JWKS is served by
 * WireMock; tokens are shaped like GitHub's.
 */
class JwtLoginOverHttpTest {
  private static final String GITHUB = "https://token.actions.githubusercontent.com";

  private static WireMockServer idp;
  private static RSAKey key;
  private static CofferServer server;
  private static VaultApi root;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("gh-1").generate();
    idp = new WireMockServer(options().dynamicPort());
    idp.start();
    idp.stubFor(
        get("/.well-known/jwks").willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));

    server = TestServers.dev();
    root = TestServers.api(server, TestServers.ROOT);
    ok(root.post("sys/auth/jwt", "{\"type\":\"jwt\"}"));
    String accessor = root.get("sys/auth").data().get("jwt/").get("accessor").asText();
    ok(
        root.post(
            "auth/jwt/config",
            "{\"jwks_url\":\"http://localhost:"
                + idp.port()
                + "/.well-known/jwks\",\"bound_issuer\":\""
                + GITHUB
                + "\"}"));
    ok(
        root.post(
            "auth/jwt/role/github",
            "{\"role_type\":\"jwt\",\"user_claim\":\"repository\","
                + "\"bound_audiences\":[\"coffer\"],\"bound_claims_type\":\"glob\","
                + "\"bound_claims\":{\"repository\":\"acme/*\",\"ref\":\"refs/heads/main\"},"
                + "\"claim_mappings\":{\"repository\":\"repository\","
                + "\"repository_id\":\"repository_id\",\"ref\":\"ref\"},"
                + "\"token_policies\":[\"ci-read\"],\"token_ttl\":\"10m\"}"));
    ok(
        root.put(
            "sys/policies/acl/ci-read",
            "{\"policy\":\"path \\\"secret/data/ci/{{identity.entity.aliases."
                + accessor
                + ".metadata.repository_id}}/*\\\" { capabilities = [\\\"read\\\"] }\"}"));
    ok(root.post("secret/data/ci/101/deploy", "{\"data\":{\"key\":\"a\"}}"));
    ok(root.post("secret/data/ci/202/deploy", "{\"data\":{\"key\":\"b\"}}"));
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

  private static String githubToken(String repository, String repositoryId) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(GITHUB)
            .audience("coffer")
            .subject("repo:" + repository + ":ref:refs/heads/main")
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("repository", repository)
            .claim("repository_id", repositoryId)
            .claim("repository_owner", "acme")
            .claim("ref", "refs/heads/main")
            .claim("environment", "production")
            .claim("job_workflow_ref", repository + "/.github/workflows/ci.yml@refs/heads/main")
            .build();
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("gh-1").build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static VaultApi login(String repository, String repositoryId) throws Exception {
    Answer a =
        root.withToken(null)
            .post(
                "auth/jwt/login",
                "{\"role\":\"github\",\"jwt\":\"" + githubToken(repository, repositoryId) + "\"}");
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    assertThat(a.body().get("auth").get("metadata").get("role").asText()).isEqualTo("github");
    return root.withToken(a.body().get("auth").get("client_token").asText());
  }

  @Test
  void repositoriesOfOneOrganisationEachReadOnlyTheirOwnPathThroughOneRole() throws Exception {
    VaultApi a = login("acme/app-a", "101");
    VaultApi b = login("acme/app-b", "202");

    assertThat(a.get("secret/data/ci/101/deploy").data().get("data").get("key").asText())
        .isEqualTo("a");
    assertThat(a.get("secret/data/ci/202/deploy").status()).isEqualTo(403);
    assertThat(b.get("secret/data/ci/202/deploy").data().get("data").get("key").asText())
        .isEqualTo("b");
    assertThat(b.get("secret/data/ci/101/deploy").status()).isEqualTo(403);
  }

  @Test
  void aRepositoryOfAnotherOrganisationIsRefusedWithTheClaimNamed() throws Exception {
    Answer a =
        root.withToken(null)
            .post(
                "auth/jwt/login",
                "{\"role\":\"github\",\"jwt\":\"" + githubToken("evil/app", "666") + "\"}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.errors()).contains("claim \\\"repository\\\" does not match");
  }
}
