package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import dev.coffer.spi.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The userpass auth method over real HTTP: users, login, the one refusal, lockout. */
class UserpassOverHttpTest {
  private final MutableClock clock = new MutableClock();
  private CofferServer server;
  private VaultApi root;
  private VaultApi anonymous;

  @BeforeEach
  void start() {
    server = TestServers.dev(clock);
    root = TestServers.api(server, TestServers.ROOT);
    anonymous = TestServers.api(server, null);
    assertThat(root.post("sys/auth/userpass", "{\"type\":\"userpass\"}").status()).isEqualTo(204);
    Answer policy =
        root.put(
            "sys/policies/acl/dev",
            "{\"policy\":\"path \\\"secret/data/dev/*\\\" { capabilities = [\\\"read\\\",\\\"create\\\",\\\"update\\\"] }\"}");
    assertThat(policy.status()).as(policy.raw()).isEqualTo(204);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Answer login(String user, String password) {
    return anonymous.post("auth/userpass/login/" + user, "{\"password\":\"" + password + "\"}");
  }

  @Test
  void aCreatedUserLogsInAndItsTokenWorks() {
    Answer created =
        root.post(
            "auth/userpass/users/alice",
            "{\"password\":\"correct horse\",\"token_policies\":\"dev\",\"token_ttl\":\"1h\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(204);

    Answer login = login("Alice", "correct horse");
    assertThat(login.status()).as(login.raw()).isEqualTo(200);
    String token = login.body().path("auth").path("client_token").asText();
    assertThat(token).isNotEmpty();
    assertThat(login.body().path("auth").path("policies").toString()).contains("dev", "default");
    assertThat(login.body().path("auth").path("lease_duration").asLong()).isEqualTo(3600);
    assertThat(login.body().path("auth").path("metadata").path("username").asText())
        .isEqualTo("alice");

    VaultApi alice = root.withToken(token);
    assertThat(alice.post("secret/data/dev/app", "{\"data\":{\"k\":\"v\"}}").status())
        .isEqualTo(200);
    assertThat(alice.get("secret/data/other").status()).isEqualTo(403);
    JsonNode self = alice.get("auth/token/lookup-self").data();
    assertThat(self.path("path").asText()).isEqualTo("auth/userpass/login/Alice");
    assertThat(self.path("display_name").asText()).isEqualTo("userpass-alice");
    Answer read = root.get("auth/userpass/users/alice");
    assertThat(read.data().has("password")).isFalse();
    assertThat(read.data().path("token_policies").toString()).isEqualTo("[\"dev\"]");
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSame400() {
    root.post("auth/userpass/users/alice", "{\"password\":\"pw\"}");
    assertThat(login("alice", "pw").status()).as("alice exists").isEqualTo(200);
    Answer wrong = login("alice", "nope");
    Answer unknown = login("mallory", "nope");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.errors()).isEqualTo("[\"invalid username or password\"]");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errors()).isEqualTo(wrong.errors());
  }

  @Test
  void aUserIsLockedOutAfterTheThresholdAndTheLockedLoginIsAudited(@TempDir Path dir)
      throws IOException {
    Path log = dir.resolve("audit.log");
    assertThat(
            root.put(
                    "sys/audit/file",
                    "{\"type\":\"file\",\"options\":{\"file_path\":\"" + log + "\"}}")
                .status())
        .isEqualTo(204);
    root.post("auth/userpass/config", "{\"lockout_threshold\":3,\"lockout_duration\":\"10m\"}");
    root.post("auth/userpass/users/alice", "{\"password\":\"pw\"}");
    for (int i = 0; i < 3; i++) {
      assertThat(login("alice", "wrong").status()).isEqualTo(400);
    }
    Answer locked = login("alice", "pw");
    assertThat(locked.status()).isEqualTo(403);
    assertThat(locked.errors()).contains("locked");
    assertThat(Files.readString(log)).contains("is locked out after too many failed logins");

    clock.advance(Duration.ofMinutes(11));
    assertThat(login("alice", "pw").status()).isEqualTo(200);
  }

  @Test
  void theConfigPathShowsTheLockoutSettings() {
    Answer config = root.get("auth/userpass/config");
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.data().path("lockout_threshold").asInt()).isEqualTo(5);
    assertThat(config.data().path("lockout_duration").asLong()).isEqualTo(900);
    assertThat(config.data().path("disable_lockout").asBoolean()).isFalse();
  }

  @Test
  void usersAreListedAndDeleted() {
    root.post("auth/userpass/users/bob", "{\"password\":\"pw\"}");
    root.post("auth/userpass/users/Carol", "{\"password\":\"pw\"}");
    assertThat(root.list("auth/userpass/users").data().path("keys").toString())
        .isEqualTo("[\"bob\",\"carol\"]");
    assertThat(root.delete("auth/userpass/users/bob").status()).isEqualTo(204);
    assertThat(login("bob", "pw").status()).isEqualTo(400);
  }

  @Test
  void aPasswordResetChangesWhichPasswordWorks() {
    root.post("auth/userpass/users/alice", "{\"password\":\"old\"}");
    assertThat(root.post("auth/userpass/users/alice/password", "{\"password\":\"new\"}").status())
        .isEqualTo(204);
    assertThat(login("alice", "old").status()).isEqualTo(400);
    assertThat(login("alice", "new").status()).isEqualTo(200);
  }
}
