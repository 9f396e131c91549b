package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import dev.coffer.spi.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StepUpOverHttpTest {
  private static final String MFA = "X-Coffer-MFA";

  private static MutableClock clock;
  private static byte[] aliceSecret;
  private static CofferServer server;
  private static VaultApi root;
  private static EntityTokens tokens;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.now());
    server = TestServers.dev(clock);
    root = TestServers.api(server, TestServers.ROOT);
    assertThat(
            root.put(
                    "sys/policies/acl/prod-read",
                    "{\"policy\":\"path \\\"secret/data/prod/*\\\" { capabilities = [\\\"read\\\"]"
                        + " step_up = { mfa = \\\"totp\\\", max_age = \\\"5m\\\" } }\\n"
                        + "path \\\"secret/data/dev/*\\\" { capabilities = [\\\"read\\\"] }\"}")
                .status())
        .isIn(200, 204);
    root.post("secret/data/prod/db", "{\"data\":{\"password\":\"p\"}}");
    root.post("secret/data/dev/db", "{\"data\":{\"password\":\"d\"}}");
    tokens = new EntityTokens(root, "ops", "[\"prod-read\"]");
    aliceSecret = Totp.enrol(root, Totp.createMethod(root), tokens.entity("alice"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Alice's code at the server's time (every test starts in a fresh 30-second step). */
  private static String aliceCodeNow() {
    return Totp.code(aliceSecret, clock.instant());
  }

  @Test
  void theTotpHelperMatchesTheRfc6238TestVector() {
    byte[] rfcSecret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    assertThat(Totp.code(rfcSecret, Instant.ofEpochSecond(59))).isEqualTo("287082");
    assertThat(Totp.code(rfcSecret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
  }

  @Test
  void aStepUpPathNeedsACodeThenHonoursMaxAgeThenNeedsOneAgain() {
    clock.advance(Duration.ofMinutes(10));
    VaultApi alice = tokens.token("alice", "[\"prod-read\"]");

    Answer without = alice.get("secret/data/prod/db");
    assertThat(without.status()).isEqualTo(403);
    assertThat(without.errors())
        .contains("step-up MFA required for secret/data/prod/db")
        .contains("X-Coffer-MFA");
    assertThat(alice.get("secret/data/dev/db").status())
        .as("paths without step_up need no code")
        .isEqualTo(200);

    Answer with = alice.withHeader(MFA, aliceCodeNow()).get("secret/data/prod/db");
    assertThat(with.status()).as(with.raw()).isEqualTo(200);
    assertThat(with.data().get("data").get("password").asText()).isEqualTo("p");

    clock.advance(Duration.ofMinutes(4));
    assertThat(alice.get("secret/data/prod/db").status())
        .as("within max_age no code is needed")
        .isEqualTo(200);

    clock.advance(Duration.ofMinutes(2));
    Answer stale = alice.get("secret/data/prod/db");
    assertThat(stale.status()).as("after max_age the step-up is asked again").isEqualTo(403);
    assertThat(stale.errors()).contains("step-up MFA required");
    Answer fresh = alice.withHeader(MFA, aliceCodeNow()).get("secret/data/prod/db");
    assertThat(fresh.status()).as("a code of a later step passes again").isEqualTo(200);
  }

  @Test
  void aReplayedCodeIsRefused() {
    clock.advance(Duration.ofMinutes(10));
    VaultApi first = tokens.token("alice", "[\"prod-read\"]");
    VaultApi second = tokens.token("alice", "[\"prod-read\"]");
    String code = aliceCodeNow();

    assertThat(first.withHeader(MFA, code).get("secret/data/prod/db").status()).isEqualTo(200);
    Answer replay = second.withHeader(MFA, code).get("secret/data/prod/db");

    assertThat(replay.status()).isEqualTo(403);
    assertThat(replay.errors()).contains("invalid or already used");

    clock.advance(Duration.ofSeconds(30));
    assertThat(second.withHeader(MFA, aliceCodeNow()).get("secret/data/prod/db").status())
        .as("the next step's code is not a replay")
        .isEqualTo(200);
  }

  @Test
  void aWrongCodeIsRefusedAndRootIsExempt() {
    clock.advance(Duration.ofMinutes(10));
    VaultApi alice = tokens.token("alice", "[\"prod-read\"]");

    assertThat(alice.withHeader(MFA, "000000").get("secret/data/prod/db").status()).isEqualTo(403);
    assertThat(root.get("secret/data/prod/db").status()).isEqualTo(200);
  }
}
