package dev.coffer.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.coffer.spi.Login;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The roles of docs/auth-jwt.md and docs/ci-without-secrets.md, fed tokens shaped like the ones
 * GitHub Actions, GitLab CI and Kubernetes issue (claims copied from their documentation).
 */
class JwtPresetsTest {
  static final String GITHUB = "https://token.actions.githubusercontent.com";
  static final String GITLAB = "https://gitlab.example.com";
  static final String K8S = "https://kubernetes.default.svc.cluster.local";

  private final JwtFixture f = new JwtFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private void trust(String issuer) {
    f.admin.write("config", Map.of("jwks_url", f.idp.jwksUrl(), "bound_issuer", issuer));
  }

  /** The GitHub Actions preset of docs/ci-without-secrets.md. */
  static Map<String, Object> githubRole() {
    return Map.of(
        "role_type", "jwt",
        "user_claim", "repository",
        "bound_audiences", List.of("coffer"),
        "bound_claims_type", "glob",
        "bound_claims",
            Map.of("repository", "acme/*", "ref", List.of("refs/heads/main", "refs/tags/v*")),
        "claim_mappings",
            Map.of(
                "repository", "repository",
                "repository_id", "repository_id",
                "repository_owner", "repository_owner",
                "ref", "ref",
                "environment", "environment",
                "job_workflow_ref", "job_workflow_ref"),
        "token_policies", List.of("ci-read"),
        "token_ttl", "10m",
        "token_max_ttl", "15m");
  }

  /** A token shaped like GitHub's for {@code repo} (owner acme) on {@code ref}. */
  JWTClaimsSet github(String repo, String id, String ref) {
    return f.claims()
        .issuer(GITHUB)
        .audience("coffer")
        .subject("repo:" + repo + ":ref:" + ref)
        .jwtID("8b1d2e4f")
        .claim("ref", ref)
        .claim("sha", "d3adb33f")
        .claim("repository", repo)
        .claim("repository_owner", repo.substring(0, repo.indexOf('/')))
        .claim("repository_owner_id", "1001")
        .claim("repository_id", id)
        .claim("repository_visibility", "private")
        .claim("run_id", "9876543210")
        .claim("run_number", "42")
        .claim("run_attempt", "1")
        .claim("actor", "octocat")
        .claim("actor_id", "583231")
        .claim("workflow", "deploy")
        .claim("event_name", "push")
        .claim("ref_type", "branch")
        .claim("environment", "production")
        .claim("job_workflow_ref", repo + "/.github/workflows/deploy.yml@" + ref)
        .claim("runner_environment", "github-hosted")
        .build();
  }

  @Test
  void aGithubActionsTokenOfTheOrganisationLogsInWithItsRepositoryMetadata() {
    trust(GITHUB);
    f.admin.write("role/github", githubRole());

    Login login = f.login("github", f.idp.sign(github("acme/app", "101", "refs/heads/main")));

    assertThat(login.aliasName()).isEqualTo("acme/app");
    assertThat(login.aliasMetadata())
        .containsEntry("repository", "acme/app")
        .containsEntry("repository_id", "101")
        .containsEntry("repository_owner", "acme")
        .containsEntry("ref", "refs/heads/main")
        .containsEntry("environment", "production")
        .containsEntry("job_workflow_ref", "acme/app/.github/workflows/deploy.yml@refs/heads/main");
    assertThat(login.policies()).containsExactly("ci-read");
    assertThat(login.ttl()).hasMinutes(10);
  }

  @Test
  void aGithubActionsTokenForATagMatchesTheGlob() {
    trust(GITHUB);
    f.admin.write("role/github", githubRole());
    assertThat(f.login("github", f.idp.sign(github("acme/app", "101", "refs/tags/v1.2.0"))))
        .isNotNull();
  }

  @Test
  void aGithubActionsTokenOfAnotherOrganisationIsRefused() {
    trust(GITHUB);
    f.admin.write("role/github", githubRole());
    f.assertRefused(
        "github",
        f.idp.sign(github("acme-evil/app", "666", "refs/heads/main")),
        "error validating claims: claim \"repository\" does not match any associated bound claim values");
  }

  @Test
  void aGithubActionsTokenOfAFeatureBranchIsRefused() {
    trust(GITHUB);
    f.admin.write("role/github", githubRole());
    f.assertRefused(
        "github",
        f.idp.sign(github("acme/app", "101", "refs/heads/feature")),
        "error validating claims: claim \"ref\" does not match any associated bound claim values");
  }

  /** The GitLab CI preset of docs/ci-without-secrets.md. */
  static Map<String, Object> gitlabRole() {
    return Map.of(
        "role_type", "jwt",
        "user_claim", "project_path",
        "bound_audiences", List.of("coffer"),
        "bound_claims", Map.of("namespace_path", "acme", "ref_protected", "true"),
        "claim_mappings",
            Map.of(
                "project_id", "project_id",
                "project_path", "project_path",
                "namespace_path", "namespace_path",
                "ref", "ref",
                "pipeline_source", "pipeline_source"),
        "token_policies", List.of("ci-read-gitlab"),
        "token_ttl", "10m");
  }

  JWTClaimsSet gitlab(String path, boolean protectedRef) {
    return f.claims()
        .issuer(GITLAB)
        .audience("coffer")
        .subject("project_path:" + path + ":ref_type:branch:ref:main")
        .claim("namespace_id", "7")
        .claim("namespace_path", path.substring(0, path.indexOf('/')))
        .claim("project_id", "42")
        .claim("project_path", path)
        .claim("user_id", "3")
        .claim("user_login", "alice")
        .claim("pipeline_id", "1212")
        .claim("pipeline_source", "push")
        .claim("job_id", "4545")
        .claim("ref", "main")
        .claim("ref_type", "branch")
        .claim("ref_path", "refs/heads/main")
        .claim("ref_protected", Boolean.toString(protectedRef))
        .claim("runner_environment", "gitlab-hosted")
        .build();
  }

  @Test
  void aGitlabCiTokenOnAProtectedRefLogsIn() {
    trust(GITLAB);
    f.admin.write("role/gitlab", gitlabRole());
    Login login = f.login("gitlab", f.idp.sign(gitlab("acme/app", true)));
    assertThat(login.aliasName()).isEqualTo("acme/app");
    assertThat(login.aliasMetadata())
        .containsEntry("project_id", "42")
        .containsEntry("namespace_path", "acme")
        .containsEntry("pipeline_source", "push");
  }

  @Test
  void aGitlabCiTokenOnAnUnprotectedRefIsRefused() {
    trust(GITLAB);
    f.admin.write("role/gitlab", gitlabRole());
    f.assertRefused(
        "gitlab",
        f.idp.sign(gitlab("acme/app", false)),
        "error validating claims: claim \"ref_protected\" does not match any associated bound claim values");
  }

  /** The Kubernetes preset of docs/ci-without-secrets.md. */
  static Map<String, Object> kubernetesRole() {
    return Map.of(
        "role_type", "jwt",
        "user_claim", "sub",
        "bound_audiences", List.of("coffer"),
        "bound_claims", Map.of("/kubernetes.io/namespace", "payments"),
        "claim_mappings",
            Map.of(
                "/kubernetes.io/namespace", "namespace",
                "/kubernetes.io/serviceaccount/name", "service_account"),
        "token_policies", List.of("k8s-read"),
        "token_ttl", "1h");
  }

  JWTClaimsSet kubernetes(String namespace, String account) {
    return f.claims()
        .issuer(K8S)
        .audience("coffer")
        .subject("system:serviceaccount:" + namespace + ":" + account)
        .claim(
            "kubernetes.io",
            Map.of(
                "namespace", namespace,
                "pod", Map.of("name", account + "-7d9f8-abcde", "uid", "0c6e3b1e"),
                "serviceaccount", Map.of("name", account, "uid", "5a1b2c3d")))
        .build();
  }

  @Test
  void aKubernetesServiceAccountTokenLogsInWithNestedClaimsMapped() {
    trust(K8S);
    f.admin.write("role/payments", kubernetesRole());
    String jwt =
        FakeIdentityProvider.sign(
            f.idp.ec, JWSAlgorithm.ES256, "ec-1", kubernetes("payments", "api"));
    Login login = f.login("payments", jwt);
    assertThat(login.aliasName()).isEqualTo("system:serviceaccount:payments:api");
    assertThat(login.aliasMetadata())
        .containsEntry("namespace", "payments")
        .containsEntry("service_account", "api");
  }

  @Test
  void aKubernetesTokenFromAnotherNamespaceIsRefused() {
    trust(K8S);
    f.admin.write("role/payments", kubernetesRole());
    f.assertRefused(
        "payments",
        f.idp.sign(kubernetes("default", "api")),
        "error validating claims: claim \"/kubernetes.io/namespace\" does not match any associated bound claim values");
  }
}
