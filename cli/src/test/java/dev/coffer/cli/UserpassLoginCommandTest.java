package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.CofferServer;
import dev.coffer.server.DevOptions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coffer login -method=userpass} with and without login MFA, and {@code coffer mfa enroll}.
 */
class UserpassLoginCommandTest {
  private static final String ROOT = "cli-userpass-root";
  private static CofferServer server;
  private static String address;
  private static CofferClient root;

  @BeforeAll
  static void start() {
    server = CofferServer.startDev(new DevOptions(ROOT, "127.0.0.1:0", null));
    address = "http://127.0.0.1:" + server.port();
    root = new CofferClient(address, ROOT);
    root.post("sys/auth/userpass", Map.of("type", "userpass")).orThrow();
    root.post("sys/auth/people", Map.of("type", "userpass")).orThrow();
    root.post("auth/userpass/users/alice", Map.of("password", "pw-a")).orThrow();
    root.post("auth/people/users/bob", Map.of("password", "pw-b")).orThrow();
    root.put(
            "sys/policies/acl/mfa-self",
            Map.of(
                "policy",
                "path \"identity/mfa/method/totp/generate\" { capabilities = [\"update\"] }"))
        .orThrow();
    root.post("auth/userpass/users/carol", Map.of("password", "pw-c", "policies", "mfa-self"))
        .orThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CliRun coffer(Path home, String stdin, String... args) {
    return CliRun.run(Map.of("VAULT_ADDR", address), stdin, home, args);
  }

  @Test
  void aUserLogsInWithAPasswordArgument(@TempDir Path home) throws Exception {
    CliRun r = coffer(home, "", "login", "-method=userpass", "username=alice", "password=pw-a");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String token = Files.readString(home.resolve(".coffer-token"));
    assertThat(
            new CofferClient(address, token)
                .get("auth/token/lookup-self")
                .orThrow()
                .data()
                .path("path")
                .asText())
        .isEqualTo("auth/userpass/login/alice");
  }

  @Test
  void aMissingPasswordIsReadFromTheUserAndAWrongOneFails(@TempDir Path home) {
    CliRun ok = coffer(home, "pw-a\n", "login", "-method=userpass", "-no-store", "username=alice");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).doesNotContain("pw-a");
    CliRun bad = coffer(home, "nope\n", "login", "-method=userpass", "-no-store", "username=alice");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("invalid username or password");
  }

  @Test
  void aLoginThatNeedsMfaIsFinishedWithThePasscode(@TempDir Path home) throws Exception {
    String methodId =
        root.post("identity/mfa/method/totp", Map.of("issuer", "Coffer"))
            .orThrow()
            .data()
            .path("method_id")
            .asText();
    String entityId =
        root.post("auth/people/login/bob", Map.of("password", "pw-b"))
            .orThrow()
            .body()
            .path("auth")
            .path("entity_id")
            .asText();
    String url =
        root.post(
                "identity/mfa/method/totp/admin-generate",
                Map.of("method_id", methodId, "entity_id", entityId))
            .orThrow()
            .data()
            .path("url")
            .asText();
    String accessor =
        root.get("sys/auth").orThrow().data().path("people/").path("accessor").asText();
    root.post(
            "identity/mfa/login-enforcement/cli",
            Map.of("mfa_method_ids", List.of(methodId), "auth_method_accessors", List.of(accessor)))
        .orThrow();

    String code = code(url.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1"));
    CliRun r =
        coffer(
            home,
            code + "\n",
            "login",
            "-method=userpass",
            "-path=people",
            "username=bob",
            "password=pw-b");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String token = Files.readString(home.resolve(".coffer-token"));
    assertThat(token).isNotEmpty();
    assertThat(
            new CofferClient(address, token)
                .get("auth/token/lookup-self")
                .orThrow()
                .data()
                .path("entity_id")
                .asText())
        .isEqualTo(entityId);

    CliRun replay =
        coffer(
            home,
            "",
            "login",
            "-method=userpass",
            "-path=people",
            "-no-store",
            "-mfa-code=" + code,
            "username=bob",
            "password=pw-b");
    assertThat(replay.exitCode()).isEqualTo(2);
    assertThat(replay.err()).contains("already used");
  }

  @Test
  void mfaEnrollPrintsTheUrlAndSecretOnce(@TempDir Path home) {
    String methodId =
        root.post("identity/mfa/method/totp", Map.of("issuer", "Enrol"))
            .orThrow()
            .data()
            .path("method_id")
            .asText();
    String token =
        root.post("auth/userpass/login/carol", Map.of("password", "pw-c"))
            .orThrow()
            .body()
            .path("auth")
            .path("client_token")
            .asText();
    Map<String, String> env = Map.of("VAULT_ADDR", address, "VAULT_TOKEN", token);
    CliRun r = CliRun.run(env, "", home, "mfa", "enroll", "-method-id=" + methodId);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("otpauth://totp/Enrol:").contains("secret");
    CliRun again = CliRun.run(env, "", home, "mfa", "enroll", "-method-id=" + methodId);
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.err()).contains("already");
  }

  private static String code(String base32) {
    long step = Instant.now().getEpochSecond() / 30;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(decode(base32), "HmacSHA1"));
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

  private static byte[] decode(String s) {
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
