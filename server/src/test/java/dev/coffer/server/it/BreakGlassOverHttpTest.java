package dev.coffer.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import dev.coffer.spi.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreakGlassOverHttpTest {
  private static final String WEBHOOK_SECRET = "hook-signing-secret";
  private static final String ONCALL =
      "path \\\"sys/break-glass/request\\\" { capabilities = [\\\"update\\\"] }\\n"
          + "path \\\"sys/break-glass/claim/*\\\" { capabilities = [\\\"update\\\"] }\\n"
          + "path \\\"sys/break-glass/approve/*\\\" { capabilities = [\\\"update\\\", \\\"sudo\\\"] }\\n"
          + "path \\\"sys/break-glass/lookup/*\\\" { capabilities = [\\\"read\\\", \\\"sudo\\\"] }";

  @TempDir static Path dir;
  private static MutableClock clock;
  private static byte[] aliceSecret;
  private static CofferServer server;
  private static WireMockServer hooks;
  private static VaultApi root;
  private static EntityTokens tokens;
  private static Path auditLog;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.now());
    server = TestServers.dev(clock);
    root = TestServers.api(server, TestServers.ROOT);
    hooks = new WireMockServer(options().dynamicPort());
    hooks.start();
    hooks.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
    hooks.stubFor(post(urlEqualTo("/broken")).willReturn(aResponse().withStatus(500)));
    auditLog = dir.resolve("audit.log");
    ok(
        root.put(
            "sys/audit/file",
            "{\"type\":\"file\",\"options\":{\"file_path\":\"" + auditLog + "\"}}"));
    ok(root.put("sys/policies/acl/oncall", "{\"policy\":\"" + ONCALL + "\"}"));
    ok(
        root.put(
            "sys/policies/acl/prod-admin",
            "{\"policy\":\"path \\\"secret/data/prod/*\\\" { capabilities = [\\\"read\\\"] }\"}"));
    ok(root.post("secret/data/prod/db", "{\"data\":{\"password\":\"prod-pw\"}}"));
    ok(root.post("secret/data/ops/runbook", "{\"data\":{\"step\":\"1\"}}"));
    tokens = new EntityTokens(root, "oncall", "[\"oncall\"]");
    String method = Totp.createMethod(root);
    aliceSecret = Totp.enrol(root, method, tokens.entity("alice"));
    Totp.enrol(root, method, tokens.entity("bob"));
  }

  @AfterAll
  static void stop() {
    server.close();
    hooks.stop();
  }

  /**
   * Alice's TOTP code at the server's time. A code burns its 30-second step, so the clock moves on
   * to the next step first.
   */
  private static String aliceCode() {
    clock.advance(Duration.ofSeconds(30));
    return Totp.code(aliceSecret, clock.instant());
  }

  @BeforeEach
  void nextTotpStep() {
    // Every test starts in a fresh 30-second TOTP step, so earlier codes do not collide.
    clock.advance(Duration.ofMinutes(1));
    hooks.resetRequests();
  }

  @Test
  void aRequestWithoutAReasonIs400AndWithoutATotpCodeIs403() {
    configure(0);
    VaultApi alice = tokens.token("alice", "[\"oncall\"]");

    Answer noReason =
        alice.post(
            "sys/break-glass/request",
            "{\"policies\":[\"prod-admin\"],\"mfa_code\":\"" + aliceCode() + "\"}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.errors()).contains("reason is required");

    Answer noCode =
        alice.post(
            "sys/break-glass/request", "{\"policies\":[\"prod-admin\"],\"reason\":\"outage\"}");
    assertThat(noCode.status()).isEqualTo(403);
    assertThat(noCode.errors()).contains("fresh TOTP code");

    Answer tooLong =
        alice.post(
            "sys/break-glass/request",
            "{\"policies\":[\"prod-admin\"],\"reason\":\"outage\",\"ttl\":\"2h\",\"mfa_code\":\""
                + aliceCode()
                + "\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.errors()).contains("max_ttl");
  }

  @Test
  void withOneApprovalTheGrantWaitsForAnotherOperatorAndIsAnnouncedAuditedAndEndsByItself()
      throws Exception {
    configure(1);
    VaultApi alice = tokens.token("alice", "[\"oncall\"]");
    VaultApi bob = tokens.token("bob", "[\"oncall\"]");

    Answer asked =
        alice
            .withHeader("X-Coffer-MFA", aliceCode())
            .post(
                "sys/break-glass/request",
                "{\"policies\":[\"prod-admin\"],\"paths\":[\"secret/data/ops/*\"],"
                    + "\"reason\":\"INC-42 database down\",\"ttl\":\"30m\"}");
    assertThat(asked.status()).as(asked.raw()).isEqualTo(200);
    assertThat(asked.data().get("state").asText()).isEqualTo("pending");
    assertThat(asked.body().get("auth").isNull()).isTrue();
    String id = asked.data().get("id").asText();

    Answer self = alice.post("sys/break-glass/approve/" + id, "{}");
    assertThat(self.status()).isEqualTo(403);
    assertThat(self.errors()).contains("cannot approve their own");
    assertThat(alice.post("sys/break-glass/claim/" + id, "{}").status())
        .as("nothing to claim while pending")
        .isEqualTo(400);

    Answer approved = bob.post("sys/break-glass/approve/" + id, "{}");
    assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    assertThat(approved.data().get("state").asText()).isEqualTo("granted");

    assertThat(bob.post("sys/break-glass/claim/" + id, "{}").status())
        .as("only the requester claims")
        .isEqualTo(403);
    Answer claimed = alice.post("sys/break-glass/claim/" + id, "{}");
    assertThat(claimed.status()).as(claimed.raw()).isEqualTo(200);
    JsonNode auth = claimed.body().get("auth");
    assertThat(auth.get("renewable").asBoolean()).isFalse();
    assertThat(auth.get("lease_duration").asLong()).isBetween(1700L, 1800L);
    assertThat(auth.get("metadata").get("break_glass_id").asText()).isEqualTo(id);
    assertThat(alice.post("sys/break-glass/claim/" + id, "{}").status())
        .as("a second claim is refused")
        .isEqualTo(400);

    VaultApi grant = root.withToken(auth.get("client_token").asText());
    Answer secret = grant.get("secret/data/prod/db");
    assertThat(secret.status()).as(secret.raw()).isEqualTo(200);
    assertThat(secret.data().get("data").get("password").asText()).isEqualTo("prod-pw");
    assertThat(grant.get("secret/data/ops/runbook").status()).isEqualTo(200);
    assertThat(root.get("sys/policies/acl/break-glass-" + id).status()).isEqualTo(200);

    LoggedRequest granted = awaitWebhook("break_glass.granted", id);
    String body = granted.getBodyAsString();
    assertThat(granted.getHeader("X-Coffer-Signature"))
        .isEqualTo("sha256=" + hmacSha256Hex(WEBHOOK_SECRET, granted.getBody()));
    JsonNode notice = VaultApi.JSON.readTree(body);
    assertThat(notice.get("id").asText()).isEqualTo(id);
    assertThat(notice.get("reason").asText()).isEqualTo("INC-42 database down");
    assertThat(notice.get("requester").get("display_name").asText()).isNotEmpty();
    assertThat(notice.get("approvers").size()).isEqualTo(1);
    assertThat(notice.get("expire_time").asText()).isNotEmpty();
    assertThat(body).doesNotContain(WEBHOOK_SECRET).doesNotContain("client_token");

    List<JsonNode> underGrant = auditEntriesFor("secret/data/prod/db", id);
    assertThat(underGrant).as("request and response entries").hasSize(2);
    for (JsonNode e : underGrant) {
      assertThat(e.get("request").get("break_glass").get("reason").asText())
          .isEqualTo("INC-42 database down");
    }
    assertThat(auditText())
        .contains("\"kind\":\"break_glass\"")
        .contains("\"event\":\"granted\"")
        .doesNotContain(auth.get("client_token").asText())
        .doesNotContain(WEBHOOK_SECRET);

    clock.advance(Duration.ofMinutes(31));
    Answer afterWindow = grant.get("secret/data/prod/db");
    assertThat(afterWindow.status()).as("the window ended by itself").isEqualTo(403);
    Answer lookup = bob.get("sys/break-glass/lookup/" + id);
    assertThat(lookup.status()).as(lookup.raw()).isEqualTo(200);
    assertThat(lookup.data().get("state").asText()).isEqualTo("expired");
    assertThat(lookup.raw()).doesNotContain(auth.get("client_token").asText());
    assertThat(root.get("sys/policies/acl/break-glass-" + id).status())
        .as("the generated policy is gone")
        .isEqualTo(404);
  }

  @Test
  void withoutApprovalsTheGrantIsImmediateAndRevocable() throws Exception {
    configure(0);
    VaultApi alice = tokens.token("alice", "[\"oncall\"]");

    Answer asked =
        alice.post(
            "sys/break-glass/request",
            "{\"policies\":[\"prod-admin\"],\"reason\":\"restore\",\"mfa_code\":\""
                + aliceCode()
                + "\"}");
    assertThat(asked.status()).as(asked.raw()).isEqualTo(200);
    assertThat(asked.data().get("state").asText()).isEqualTo("granted");
    VaultApi grant = root.withToken(asked.body().get("auth").get("client_token").asText());
    String id = asked.data().get("id").asText();
    assertThat(grant.get("secret/data/prod/db").status()).isEqualTo(200);

    assertThat(root.post("sys/break-glass/revoke/" + id, "{}").status()).isEqualTo(200);

    assertThat(grant.get("secret/data/prod/db").status()).isEqualTo(403);
    assertThat(root.get("sys/break-glass/lookup/" + id).data().get("state").asText())
        .isEqualTo("revoked");
    assertThat(root.list("sys/break-glass/requests").data().get("keys").toString()).contains(id);
    assertThat(awaitNotificationError(id))
        .as("a webhook that keeps failing is recorded on the request, never blocking it")
        .contains("webhook 2 (" + hooks.baseUrl() + "/...)")
        .doesNotContain("/broken")
        .contains("HTTP 500");
  }

  private static String awaitNotificationError(String id) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      JsonNode errors = root.get("sys/break-glass/lookup/" + id).data().get("notification_errors");
      if (errors.size() > 0) {
        return errors.get(0).asText();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no notification error was recorded");
  }

  @Test
  void breakGlassOnlyPoliciesCannotBeAttachedAnyOtherWay() {
    configure(0);

    Answer create = root.post("auth/token/create", "{\"policies\":[\"prod-admin\"]}");
    assertThat(create.status()).isEqualTo(400);
    assertThat(create.errors()).contains("prod-admin").contains("break-glass-only");

    ok(root.post("auth/token/roles/sneaky", "{\"allowed_policies\":[\"prod-admin\"]}"));
    assertThat(root.post("auth/token/create/sneaky", "{}").status()).isEqualTo(400);

    Answer meta = root.post("auth/token/create", "{\"meta\":{\"break_glass_id\":\"fake\"}}");
    assertThat(meta.status()).isEqualTo(400);

    String carolId = tokens.entity("carol");
    ok(root.post("identity/entity/id/" + carolId, "{\"policies\":[\"prod-admin\"]}"));
    VaultApi carol = tokens.token("carol", "[\"oncall\"]");
    assertThat(carol.get("secret/data/prod/db").status())
        .as("an entity's break-glass-only policy is left out")
        .isEqualTo(403);
  }

  private static void configure(int approvals) {
    ok(
        root.post(
            "sys/break-glass/config",
            "{\"max_ttl\":\"1h\",\"required_approvals\":"
                + approvals
                + ",\"policies\":[\"prod-admin\"],\"webhook_urls\":[\""
                + hooks.baseUrl()
                + "/hook\",\""
                + hooks.baseUrl()
                + "/broken\"],\"webhook_secret\":\""
                + WEBHOOK_SECRET
                + "\"}"));
    Answer read = root.get("sys/break-glass/config");
    assertThat(read.raw()).doesNotContain(WEBHOOK_SECRET);
    assertThat(read.data().get("required_approvals").asInt()).isEqualTo(approvals);
  }

  private static LoggedRequest awaitWebhook(String event, String id) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      List<LoggedRequest> found =
          hooks.findAll(
              postRequestedFor(urlEqualTo("/hook"))
                  .withRequestBody(matchingJsonPath("$.event", equalTo(event)))
                  .withRequestBody(matchingJsonPath("$.id", equalTo(id))));
      if (!found.isEmpty()) {
        return found.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + event + " notification arrived");
  }

  private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalTo(String v) {
    return com.github.tomakehurst.wiremock.client.WireMock.equalTo(v);
  }

  private static String hmacSha256Hex(String key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }

  private static String auditText() throws IOException {
    return Files.readString(auditLog);
  }

  /** The request and response entries of {@code path} tagged with break-glass grant {@code id}. */
  private static List<JsonNode> auditEntriesFor(String path, String id) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(auditLog)) {
      JsonNode e = VaultApi.JSON.readTree(line);
      JsonNode r = e.get("request");
      if (r != null && path.equals(r.path("path").asText())) {
        JsonNode tag = r.get("break_glass");
        if (tag != null && id.equals(tag.get("id").asText())) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private static void ok(Answer a) {
    assertThat(a.status()).as(a.raw()).isIn(200, 204);
  }
}
