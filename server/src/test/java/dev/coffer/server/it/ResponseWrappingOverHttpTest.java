package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Response wrapping over real HTTP: X-Vault-Wrap-TTL and sys/wrapping/{unwrap,lookup,rewrap,wrap}.
 */
class ResponseWrappingOverHttpTest {
  private static final String WRAP_TTL = "X-Vault-Wrap-TTL";
  private static final String INVALID = "wrapping token is not valid or does not exist";

  @TempDir static Path dir;
  private static CofferServer server;
  private static VaultApi root;
  private static Path auditLog;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    root = TestServers.api(server, TestServers.ROOT);
    auditLog = dir.resolve("audit.log");
    Answer enabled =
        root.put(
            "sys/audit/file",
            "{\"type\":\"file\",\"options\":{\"file_path\":\"" + auditLog + "\"}}");
    assertThat(enabled.status()).as(enabled.raw()).isEqualTo(204);
    Answer written =
        root.post("secret/data/wrapped/app", "{\"data\":{\"password\":\"hunter2-wrapped\"}}");
    assertThat(written.status()).as(written.raw()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aWrappedReadAnswersWrapInfoAndUnwrapsExactlyOnce() {
    Answer wrapped = root.withHeader(WRAP_TTL, "60s").get("secret/data/wrapped/app");

    assertThat(wrapped.status()).as(wrapped.raw()).isEqualTo(200);
    assertThat(wrapped.body().get("data").isNull()).isTrue();
    assertThat(wrapped.body().get("auth").isNull()).isTrue();
    JsonNode info = wrapped.body().get("wrap_info");
    assertThat(info.get("token").asText()).startsWith("cfs.");
    assertThat(info.get("accessor").asText()).isNotEmpty();
    assertThat(info.get("ttl").asLong()).isEqualTo(60);
    assertThat(info.get("creation_path").asText()).isEqualTo("secret/data/wrapped/app");
    assertThat(Instant.parse(info.get("creation_time").asText())).isNotNull();
    assertThat(wrapped.raw()).doesNotContain("hunter2-wrapped");

    VaultApi holder = root.withToken(info.get("token").asText());
    Answer first = holder.post("sys/wrapping/unwrap", "");
    assertThat(first.status()).as(first.raw()).isEqualTo(200);
    assertThat(first.data().get("data").get("password").asText()).isEqualTo("hunter2-wrapped");
    assertThat(first.body().get("wrap_info").isNull()).isTrue();

    Answer second = holder.post("sys/wrapping/unwrap", "");
    assertThat(second.status()).as(second.raw()).isEqualTo(400);
    assertThat(second.errors()).contains(INVALID);
  }

  @Test
  void anyTokenMayUnwrapByNamingTheWrappingTokenInTheBody() {
    String token = wrapData("{\"secret_id\":\"abc-123\"}");
    VaultApi plain = root.withToken(createToken("[\"default\"]"));

    Answer first = plain.post("sys/wrapping/unwrap", "{\"token\":\"" + token + "\"}");
    assertThat(first.status()).as(first.raw()).isEqualTo(200);
    assertThat(first.data().get("secret_id").asText()).isEqualTo("abc-123");

    Answer second = plain.post("sys/wrapping/unwrap", "{\"token\":\"" + token + "\"}");
    assertThat(second.status()).isEqualTo(400);
    assertThat(second.errors()).contains(INVALID);
  }

  @Test
  void lookupNeedsNoClientTokenAndUsesNoUse() {
    String token = wrapData("{\"k\":\"v\"}");
    VaultApi anonymous = root.withToken(null);

    Answer looked = anonymous.post("sys/wrapping/lookup", "{\"token\":\"" + token + "\"}");
    assertThat(looked.status()).as(looked.raw()).isEqualTo(200);
    assertThat(looked.data().get("creation_path").asText()).isEqualTo("sys/wrapping/wrap");
    assertThat(looked.data().get("creation_ttl").asLong()).isEqualTo(300);
    assertThat(Instant.parse(looked.data().get("creation_time").asText())).isNotNull();

    Answer unwrapped = root.withToken(token).post("sys/wrapping/unwrap", "");
    assertThat(unwrapped.status()).as(unwrapped.raw()).isEqualTo(200);
    Answer after = anonymous.post("sys/wrapping/lookup", "{\"token\":\"" + token + "\"}");
    assertThat(after.status()).isEqualTo(400);
    assertThat(after.errors()).contains(INVALID);
  }

  @Test
  void rewrapGivesANewTokenForTheSameResponseAndInvalidatesTheOldOne() {
    String old = wrapData("{\"answer\":\"42\"}");

    Answer rewrapped = root.post("sys/wrapping/rewrap", "{\"token\":\"" + old + "\"}");
    assertThat(rewrapped.status()).as(rewrapped.raw()).isEqualTo(200);
    JsonNode info = rewrapped.body().get("wrap_info");
    String fresh = info.get("token").asText();
    assertThat(fresh).isNotEqualTo(old);
    assertThat(info.get("ttl").asLong()).isEqualTo(300);
    assertThat(info.get("creation_path").asText()).isEqualTo("sys/wrapping/wrap");

    Answer stale = root.withToken(old).post("sys/wrapping/unwrap", "");
    assertThat(stale.status()).isEqualTo(400);
    assertThat(stale.errors()).contains(INVALID);
    Answer unwrapped = root.withToken(fresh).post("sys/wrapping/unwrap", "");
    assertThat(unwrapped.status()).as(unwrapped.raw()).isEqualTo(200);
    assertThat(unwrapped.data().get("answer").asText()).isEqualTo("42");
  }

  @Test
  void wrapWithoutAWrapTtlIsRefused() {
    Answer refused = root.post("sys/wrapping/wrap", "{\"a\":\"b\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errors()).contains("endpoint requires response wrapping to be used");
  }

  @Test
  void aBadOrOutOfRangeWrapTtlIsRefusedWith400() {
    assertThat(root.withHeader(WRAP_TTL, "soon").get("secret/data/wrapped/app").status())
        .isEqualTo(400);
    Answer tooLong = root.withHeader(WRAP_TTL, "769h").get("secret/data/wrapped/app");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.errors()).contains("wrapping TTL must be at most 768h");
    Answer tooShort = root.withHeader(WRAP_TTL, "500ms").get("secret/data/wrapped/app");
    assertThat(tooShort.status()).isEqualTo(400);
  }

  @Test
  void anExpiredWrappingTokenNoLongerUnwraps() throws InterruptedException {
    Answer wrapped =
        root.withHeader(WRAP_TTL, "1").post("sys/wrapping/wrap", "{\"short\":\"lived\"}");
    String token = wrapped.body().get("wrap_info").get("token").asText();

    Answer late = null;
    for (int i = 0; i < 100; i++) {
      late = root.post("sys/wrapping/lookup", "{\"token\":\"" + token + "\"}");
      if (late.status() != 200) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(late.status()).isEqualTo(400);
    Answer unwrap = root.withToken(token).post("sys/wrapping/unwrap", "");
    assertThat(unwrap.status()).isEqualTo(400);
    assertThat(unwrap.errors()).contains(INVALID);
  }

  @Test
  void theWrappingTokenCannotReadSecrets() {
    String token = wrapData("{\"x\":\"y\"}");

    Answer read = root.withToken(token).get("secret/data/wrapped/app");

    assertThat(read.status()).isEqualTo(403);
    assertThat(read.raw()).doesNotContain("hunter2-wrapped");
  }

  @Test
  void aWrappedTokenCreationNamesTheWrappedAccessorAndUnwrapsToTheAuthBlock() {
    Answer wrapped =
        root.withHeader(WRAP_TTL, "2m").post("auth/token/create", "{\"policies\":[\"default\"]}");
    assertThat(wrapped.status()).as(wrapped.raw()).isEqualTo(200);
    JsonNode info = wrapped.body().get("wrap_info");
    assertThat(wrapped.body().get("auth").isNull()).isTrue();

    Answer unwrapped = root.withToken(info.get("token").asText()).post("sys/wrapping/unwrap", "");
    assertThat(unwrapped.status()).as(unwrapped.raw()).isEqualTo(200);
    JsonNode auth = unwrapped.body().get("auth");
    assertThat(info.get("wrapped_accessor").asText()).isEqualTo(auth.get("accessor").asText());
    String created = auth.get("client_token").asText();
    Answer self = root.withToken(created).get("auth/token/lookup-self");
    assertThat(self.status()).isEqualTo(200);
  }

  @Test
  void aPolicyWithMaxWrappingTtlRequiresWrappingWithinItsBound() {
    Answer policy =
        root.put(
            "sys/policies/acl/wrap-only",
            "{\"policy\":\"path \\\"secret/data/wrapped/*\\\" {\\n capabilities = [\\\"read\\\"]\\n"
                + " max_wrapping_ttl = \\\"1h\\\"\\n}\"}");
    assertThat(policy.status()).as(policy.raw()).isEqualTo(204);
    VaultApi client = root.withToken(createToken("[\"wrap-only\"]"));

    assertThat(client.get("secret/data/wrapped/app").status()).isEqualTo(403);
    assertThat(client.withHeader(WRAP_TTL, "2h").get("secret/data/wrapped/app").status())
        .isEqualTo(403);
    Answer wrapped = client.withHeader(WRAP_TTL, "10m").get("secret/data/wrapped/app");
    assertThat(wrapped.status()).as(wrapped.raw()).isEqualTo(200);
    assertThat(wrapped.body().get("wrap_info").get("ttl").asLong()).isEqualTo(600);
  }

  @Test
  void theResponseWrappingPolicyIsBuiltInAndCannotBeChanged() {
    Answer write =
        root.put("sys/policies/acl/response-wrapping", "{\"policy\":\"path \\\"*\\\" {}\"}");
    assertThat(write.status()).isEqualTo(400);
    assertThat(write.errors()).contains("cannot update response-wrapping policy");
    Answer delete = root.delete("sys/policies/acl/response-wrapping");
    assertThat(delete.status()).isEqualTo(400);
  }

  @Test
  void theAuditLogHashesWrappingTokensAndRecordsTheRefusedSecondUnwrap() throws IOException {
    Answer wrapped = root.withHeader(WRAP_TTL, "60").get("secret/data/wrapped/app");
    String token = wrapped.body().get("wrap_info").get("token").asText();
    VaultApi holder = root.withToken(token);
    assertThat(holder.post("sys/wrapping/unwrap", "").status()).isEqualTo(200);
    assertThat(holder.post("sys/wrapping/unwrap", "").status()).isEqualTo(400);

    List<String> lines = Files.readAllLines(auditLog, StandardCharsets.UTF_8);
    String all = String.join("\n", lines);
    assertThat(all).doesNotContain(token).doesNotContain("hunter2-wrapped");
    Answer hashed = root.post("sys/audit-hash/file", "{\"input\":\"" + token + "\"}");
    String tokenHash = hashed.data().get("hash").asText();
    assertThat(all).contains("\"wrap_info\":{\"token\":\"" + tokenHash + "\"");
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\"type\":\"response\"", "\"path\":\"sys/wrapping/unwrap\"", INVALID));
  }

  private static String wrapData(String json) {
    Answer wrapped = root.withHeader(WRAP_TTL, "5m").post("sys/wrapping/wrap", json);
    assertThat(wrapped.status()).as(wrapped.raw()).isEqualTo(200);
    assertThat(wrapped.body().get("data").isNull()).isTrue();
    return wrapped.body().get("wrap_info").get("token").asText();
  }

  private static String createToken(String policies) {
    Answer created = root.post("auth/token/create", "{\"policies\":" + policies + "}");
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    return created.body().get("auth").get("client_token").asText();
  }
}
