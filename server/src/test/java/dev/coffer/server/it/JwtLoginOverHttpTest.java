package dev.coffer.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

  /**
   * node-vault, a real Vault client library, logs in with {@code jwtLogin} and reads. Needs {@code
   * node} and {@code npm} on the PATH (skipped otherwise); installs node-vault into {@code
   * target/node-vault} once.
   */
  @Test
  void nodeVaultLogsInWithJwtLoginAndReadsOnlyItsOwnSecret() throws Exception {
    assumeTrue(onPath("node") && onPath("npm"), "node and npm are needed for the node-vault test");
    Path dir = Path.of("target", "node-vault").toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("node_modules/node-vault"))) {
      Files.createDirectories(dir);
      assertThat(
              run(
                  dir,
                  Map.of(),
                  "npm",
                  "install",
                  "--silent",
                  "--no-audit",
                  "--no-fund",
                  "--prefix",
                  dir.toString(),
                  "node-vault@0.12.0"))
          .as("npm install node-vault")
          .startsWith("exit 0");
    }
    Path script = dir.resolve("jwt-login.js");
    Files.writeString(
        script,
        String.join(
            "\n",
            "const vault = require('node-vault')({ apiVersion: 'v1', endpoint: process.env.ADDR });",
            "(async () => {",
            "  const login = await vault.jwtLogin({ role: 'github', jwt: process.env.JWT });",
            "  const own = await vault.read('secret/data/ci/101/deploy');",
            "  console.log(JSON.stringify({ policies: login.auth.policies, key: own.data.data.key }));",
            "  try {",
            "    await vault.read('secret/data/ci/202/deploy');",
            "    console.log('UNEXPECTED: read another repository');",
            "  } catch (e) {",
            "    console.log(JSON.stringify({ denied: e.response.statusCode }));",
            "  }",
            "})().catch((e) => { console.error(e.message); process.exit(1); });",
            ""));
    String out =
        run(
            dir,
            Map.of("ADDR", server.address(), "JWT", githubToken("acme/app-a", "101")),
            "node",
            script.toString());
    assertThat(out)
        .startsWith("exit 0")
        .contains("\"key\":\"a\"")
        .contains("ci-read")
        .contains("{\"denied\":403}")
        .doesNotContain("UNEXPECTED");
  }

  private static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  /** Runs a command; answers "exit N" and its output. */
  private static String run(Path dir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timeout\n" + output;
    }
    return "exit " + p.exitValue() + "\n" + output;
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
