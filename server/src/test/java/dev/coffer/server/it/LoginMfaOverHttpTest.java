package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import dev.coffer.spi.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TOTP enrolment and login MFA over real HTTP, with the server's clock in the test's hand: a login
 * that an enforcement matches gets no token until {@code sys/mfa/validate} passes with a fresh
 * code.
 */
class LoginMfaOverHttpTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:05Z"));
  private CofferServer server;
  private VaultApi root;
  private VaultApi anonymous;
  private String methodId;
  private String entityId;

  @TempDir Path dir;

  @BeforeEach
  void start() {
    server = TestServers.dev(clock);
    root = TestServers.api(server, TestServers.ROOT);
    anonymous = TestServers.api(server, null);
    ok(root.post("sys/auth/userpass", "{\"type\":\"userpass\"}"));
    ok(root.post("auth/userpass/users/alice", "{\"password\":\"pw\"}"));
    Answer method = root.post("identity/mfa/method/totp", "{\"issuer\":\"Coffer\"}");
    ok(method);
    methodId = method.data().path("method_id").asText();
    // A first login (before any enforcement) creates alice's entity.
    entityId = login().body().path("auth").path("entity_id").asText();
    assertThat(entityId).isNotEmpty();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Answer ok(Answer a) {
    assertThat(a.status()).as(a.raw()).isBetween(200, 204);
    return a;
  }

  private Answer login() {
    return anonymous.post("auth/userpass/login/alice", "{\"password\":\"pw\"}");
  }

  private String accessor() {
    return root.get("sys/auth").data().path("userpass/").path("accessor").asText();
  }

  private String enrolAlice() {
    Answer gen =
        ok(
            root.post(
                "identity/mfa/method/totp/admin-generate",
                "{\"method_id\":\"" + methodId + "\",\"entity_id\":\"" + entityId + "\"}"));
    String url = gen.data().path("url").asText();
    assertThat(url).startsWith("otpauth://totp/Coffer:").contains("issuer=Coffer");
    return url.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1");
  }

  private void enforceOnUserpass() {
    ok(
        root.post(
            "identity/mfa/login-enforcement/people",
            "{\"mfa_method_ids\":[\""
                + methodId
                + "\"],\"auth_method_accessors\":[\""
                + accessor()
                + "\"]}"));
  }

  private String requestId(Answer login) {
    JsonNode req = login.body().path("auth").path("mfa_requirement");
    return req.path("mfa_request_id").asText();
  }

  private Answer validate(String requestId, String code) {
    return anonymous.put(
        "sys/mfa/validate",
        "{\"mfa_request_id\":\""
            + requestId
            + "\",\"mfa_payload\":{\""
            + methodId
            + "\":[\""
            + code
            + "\"]}}");
  }

  @Test
  void anEnforcedLoginGetsATokenOnlyAfterAValidCode() {
    String secret = enrolAlice();
    enforceOnUserpass();

    Answer login = login();
    assertThat(login.status()).isEqualTo(200);
    JsonNode auth = login.body().path("auth");
    assertThat(auth.path("client_token").asText()).isEmpty();
    JsonNode any = auth.path("mfa_requirement").path("mfa_constraints").path("people").path("any");
    assertThat(any.get(0).path("type").asText()).isEqualTo("totp");
    assertThat(any.get(0).path("id").asText()).isEqualTo(methodId);
    assertThat(any.get(0).path("uses_passcode").asBoolean()).isTrue();
    assertThat(login.body().path("warnings").toString()).contains("mfa/validate");

    Answer wrong =
        validate(requestId(login), "000000".equals(code(secret, 0)) ? "111111" : "000000");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.errors()).contains("failed to validate TOTP passcode");

    Answer valid = validate(requestId(login), code(secret, 0));
    assertThat(valid.status()).as(valid.raw()).isEqualTo(200);
    String token = valid.body().path("auth").path("client_token").asText();
    assertThat(token).isNotEmpty();
    JsonNode self = root.withToken(token).get("auth/token/lookup-self").data();
    assertThat(self.path("entity_id").asText()).isEqualTo(entityId);
    assertThat(self.path("path").asText()).isEqualTo("auth/userpass/login/alice");

    Answer again = validate(requestId(login), code(secret, 0));
    assertThat(again.status()).isEqualTo(403);
  }

  @Test
  void aUsedCodeCannotBeReplayedForAnotherLogin() {
    String secret = enrolAlice();
    enforceOnUserpass();
    String code = code(secret, 0);
    ok(validate(requestId(login()), code));

    Answer replay = validate(requestId(login()), code);
    assertThat(replay.status()).isEqualTo(403);
    assertThat(replay.errors()).contains("already used");

    clock.advance(Duration.ofSeconds(30));
    ok(validate(requestId(login()), code(secret, 0)));
  }

  @Test
  void anExpiredMfaRequestIsRefused() {
    String secret = enrolAlice();
    enforceOnUserpass();
    String requestId = requestId(login());
    clock.advance(Duration.ofMinutes(6));
    Answer late = validate(requestId, code(secret, 0));
    assertThat(late.status()).isEqualTo(403);
    assertThat(late.errors()).contains("expired");
  }

  @Test
  void wrongCodesCountTowardsMaxValidationAttempts() {
    ok(root.post("identity/mfa/method/totp/" + methodId, "{\"max_validation_attempts\":2}"));
    String secret = enrolAlice();
    enforceOnUserpass();
    String requestId = requestId(login());
    String bad = "000000".equals(code(secret, 0)) ? "111111" : "000000";
    validate(requestId, bad);
    validate(requestId, bad);
    Answer paused = validate(requestId, code(secret, 0));
    assertThat(paused.status()).isEqualTo(403);
    assertThat(paused.errors()).contains("maximum TOTP validation attempts");
  }

  @Test
  void aUserEnrolsItselfOnceAndTheSecretNeverReachesTheAuditLogInClear() throws IOException {
    Path log = dir.resolve("audit.log");
    ok(
        root.put(
            "sys/audit/file", "{\"type\":\"file\",\"options\":{\"file_path\":\"" + log + "\"}}"));
    ok(
        root.put(
            "sys/policies/acl/mfa-self",
            "{\"policy\":\"path \\\"identity/mfa/method/totp/generate\\\" { capabilities = [\\\"update\\\"] }\"}"));
    ok(root.post("auth/userpass/users/alice/policies", "{\"policies\":\"mfa-self\"}"));
    VaultApi alice = root.withToken(login().body().path("auth").path("client_token").asText());

    Answer gen =
        alice.post("identity/mfa/method/totp/generate", "{\"method_id\":\"" + methodId + "\"}");
    ok(gen);
    String url = gen.data().path("url").asText();
    String secret = url.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1");
    assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
    assertThat(gen.data().has("barcode")).isTrue();

    Answer twice =
        alice.post("identity/mfa/method/totp/generate", "{\"method_id\":\"" + methodId + "\"}");
    assertThat(twice.status()).isEqualTo(200);
    assertThat(twice.data() == null || twice.data().isNull()).isTrue();
    assertThat(twice.body().path("warnings").toString()).contains("already has a secret");

    assertThat(Files.readString(log)).doesNotContain(secret).contains("totp/generate");
  }

  @Test
  void methodsAndEnforcementsAreReadListedAndDeleted() {
    JsonNode method = ok(root.get("identity/mfa/method/totp/" + methodId)).data();
    assertThat(method.path("issuer").asText()).isEqualTo("Coffer");
    assertThat(method.path("period").asInt()).isEqualTo(30);
    assertThat(method.path("digits").asInt()).isEqualTo(6);
    assertThat(method.path("algorithm").asText()).isEqualTo("SHA1");
    assertThat(root.list("identity/mfa/method/totp").data().path("keys").toString())
        .contains(methodId);
    enforceOnUserpass();
    JsonNode enforcement = ok(root.get("identity/mfa/login-enforcement/people")).data();
    assertThat(enforcement.path("mfa_method_ids").toString()).contains(methodId);
    assertThat(root.delete("identity/mfa/method/totp/" + methodId).status()).isEqualTo(400);
    ok(root.delete("identity/mfa/login-enforcement/people"));
    ok(root.delete("identity/mfa/method/totp/" + methodId));
    assertThat(root.get("identity/mfa/method/totp/" + methodId).status()).isEqualTo(404);
    assertThat(login().body().path("auth").path("client_token").asText()).isNotEmpty();
  }

  /** The 6-digit SHA-1 code of the server clock's step plus {@code offset}, computed here. */
  private String code(String base32Secret, long offset) {
    long step = Math.floorDiv(clock.instant().getEpochSecond(), 30) + offset;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int o = h[h.length - 1] & 0xf;
      int bin =
          ((h[o] & 0x7f) << 24)
              | ((h[o + 1] & 0xff) << 16)
              | ((h[o + 2] & 0xff) << 8)
              | (h[o + 3] & 0xff);
      return String.format("%06d", bin % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] base32(String s) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : s.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
