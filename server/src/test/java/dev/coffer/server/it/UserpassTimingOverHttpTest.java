package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.CofferServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A login for a user that does not exist takes as long as one with a wrong password (both run one
 * Argon2id check), so response time does not tell which user names exist. Samples of the two kinds
 * are interleaved, so load on a shared machine hits both alike, and lower quartiles are compared:
 * load only ever adds time, so the faster samples show the work each login does (skipping the hash
 * for unknown users would make theirs hundreds of times faster).
 */
class UserpassTimingOverHttpTest {
  private static final int SAMPLES = 21;
  private static final double TOLERANCE = 0.25;

  private static CofferServer server;
  private static VaultApi anonymous;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    VaultApi root = TestServers.api(server, TestServers.ROOT);
    anonymous = TestServers.api(server, null);
    assertThat(root.post("sys/auth/userpass", "{\"type\":\"userpass\"}").status()).isEqualTo(204);
    assertThat(root.post("auth/userpass/config", "{\"disable_lockout\":true}").status())
        .isBetween(200, 204);
    assertThat(root.post("auth/userpass/users/alice", "{\"password\":\"the right one\"}").status())
        .isBetween(200, 204);
    assertThat(
            anonymous
                .post("auth/userpass/login/alice", "{\"password\":\"the right one\"}")
                .status())
        .as("alice exists, so her samples are wrong-password logins")
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long nanosOfLogin(String user) {
    long start = System.nanoTime();
    VaultApi.Answer a =
        anonymous.post("auth/userpass/login/" + user, "{\"password\":\"a wrong one\"}");
    long took = System.nanoTime() - start;
    assertThat(a.status()).isEqualTo(400);
    return took;
  }

  private static double lowerQuartile(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.get(sorted.size() / 4);
  }

  @Test
  void anUnknownUserTakesAsLongAsAWrongPassword() {
    for (int i = 0; i < 3; i++) { // warm up both paths
      nanosOfLogin("alice");
      nanosOfLogin("nobody-" + i);
    }
    List<Long> wrongPassword = new ArrayList<>();
    List<Long> unknownUser = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      if (i % 2 == 0) {
        wrongPassword.add(nanosOfLogin("alice"));
        unknownUser.add(nanosOfLogin("nobody-" + i));
      } else {
        unknownUser.add(nanosOfLogin("nobody-" + i));
        wrongPassword.add(nanosOfLogin("alice"));
      }
    }
    double known = lowerQuartile(wrongPassword);
    double unknown = lowerQuartile(unknownUser);
    assertThat(Math.abs(known - unknown) / Math.max(known, unknown))
        .as(
            "lower quartile: wrong password %.1f ms, unknown user %.1f ms",
            known / 1e6, unknown / 1e6)
        .isLessThan(TOLERANCE);
  }
}
