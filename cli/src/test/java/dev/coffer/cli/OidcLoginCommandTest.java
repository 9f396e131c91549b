package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.core.CoreRequest;
import dev.coffer.spi.ErrorCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coffer login -method=oidc skip_browser=true} against a fake server: the test plays the
 * browser by calling the CLI's local callback with the state and code the provider would send.
 */
class OidcLoginCommandTest {
  private static final String AUTH_URL =
      "https://idp.example/authorize?client_id=coffer&state=st-1&nonce=n-1";

  private final FakeServer server = new FakeServer();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path home;

  @BeforeEach
  void setUp() {
    server.ok("POST auth/oidc/oidc/auth_url", Map.of("auth_url", AUTH_URL));
    server.raw(
        "POST auth/oidc/oidc/callback",
        200,
        Map.of(
            "auth",
            Map.of(
                "client_token",
                "hvs.operator",
                "accessor",
                "acc1",
                "policies",
                List.of("ops", "default"),
                "token_policies",
                List.of("ops", "default"),
                "metadata",
                Map.of("role", "operator"),
                "lease_duration",
                3600,
                "renewable",
                true)));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private CompletableFuture<CliRun> startLogin(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "login";
    all[1] = "-address=" + server.address();
    all[2] = "-method=oidc";
    System.arraycopy(args, 0, all, 3, args.length);
    return CompletableFuture.supplyAsync(() -> CliRun.run(Map.of(), "", home, all));
  }

  /** The auth_url request the CLI sent, once it has sent it. */
  private CoreRequest authUrlRequest() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      for (CoreRequest r : server.requests) {
        if (r.path().equals("auth/oidc/oidc/auth_url")) {
          return r;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the CLI never asked for an auth_url");
  }

  /** Plays the browser coming back from the provider to the CLI's redirect URI. */
  private HttpResponse<String> browserReturns(String redirectUri, String query) throws Exception {
    URI local = URI.create(redirectUri.replace("//localhost:", "//127.0.0.1:") + "?" + query);
    return http.send(
        HttpRequest.newBuilder(local).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theBrowserLoginForwardsStateAndCodeAndStoresTheToken() throws Exception {
    CompletableFuture<CliRun> run = startLogin("role=operator", "port=0", "skip_browser=true");

    Map<String, Object> asked = authUrlRequest().data();
    String redirectUri = (String) asked.get("redirect_uri");
    assertThat(asked).containsEntry("role", "operator");
    assertThat(redirectUri).matches("http://localhost:\\d+/oidc/callback");
    String clientNonce = (String) asked.get("client_nonce");
    assertThat(clientNonce).hasSizeGreaterThanOrEqualTo(20);

    HttpResponse<String> page = browserReturns(redirectUri, "state=st-1&code=c%2F1");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("You can close this window");

    CliRun r = run.get(30, TimeUnit.SECONDS);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains(AUTH_URL).contains("Waiting for OIDC authentication");
    assertThat(r.out()).contains("Success!").contains("hvs.operator");
    assertThat(server.last().path()).isEqualTo("auth/oidc/oidc/callback");
    assertThat(server.last().data())
        .containsEntry("state", "st-1")
        .containsEntry("code", "c/1")
        .containsEntry("client_nonce", clientNonce);
    assertThat(Files.readString(home.resolve(".coffer-token"))).isEqualTo("hvs.operator");
  }

  @Test
  void aCallbackTheServerRefusesFailsTheLoginAndTellsTheBrowser() throws Exception {
    server.fail(
        "POST auth/oidc/oidc/callback",
        ErrorCode.INVALID_REQUEST,
        "Vault login failed. Expired or missing OAuth state.");
    CompletableFuture<CliRun> run =
        startLogin("-path=oidc", "port=0", "skip_browser=true", "-no-store");
    String redirectUri = (String) authUrlRequest().data().get("redirect_uri");

    HttpResponse<String> page = browserReturns(redirectUri, "state=old&code=c1");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("Expired or missing OAuth state");

    CliRun r = run.get(30, TimeUnit.SECONDS);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Expired or missing OAuth state");
    assertThat(home.resolve(".coffer-token")).doesNotExist();
  }

  @Test
  void aProviderErrorInTheRedirectFailsTheLoginWithoutCallingTheServer() throws Exception {
    CompletableFuture<CliRun> run = startLogin("port=0", "skip_browser=true");
    String redirectUri = (String) authUrlRequest().data().get("redirect_uri");

    HttpResponse<String> page =
        browserReturns(redirectUri, "error=access_denied&error_description=user+cancelled");
    assertThat(page.statusCode()).isEqualTo(400);

    CliRun r = run.get(30, TimeUnit.SECONDS);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("access_denied user cancelled");
    assertThat(server.requests).noneMatch(q -> q.path().equals("auth/oidc/oidc/callback"));
  }

  @Test
  void aBadPortIsALocalError() {
    CliRun r =
        CliRun.run(
            Map.of(),
            "",
            home,
            "login",
            "-address=" + server.address(),
            "-method=oidc",
            "port=http");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("port must be a port number");
  }
}
