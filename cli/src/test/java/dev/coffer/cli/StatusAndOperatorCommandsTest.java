package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.core.RequestMethod;
import dev.coffer.spi.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusAndOperatorCommandsTest {
  private final FakeServer server = new FakeServer();

  @BeforeEach
  void reset() {
    server.reset();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private CliRun coffer(String... args) {
    return withStdin("", args);
  }

  private CliRun withStdin(String stdin, String... args) {
    return CliRun.run(
        Map.of("COFFER_ADDR", server.address(), "COFFER_TOKEN", "cfs.root"), stdin, null, args);
  }

  private static Map<String, Object> sealStatus(boolean sealed) {
    return Map.of(
        "type",
        "shamir",
        "initialized",
        true,
        "sealed",
        sealed,
        "t",
        3,
        "n",
        5,
        "progress",
        1,
        "nonce",
        "",
        "version",
        "0.1.0",
        "storage_type",
        "sqlite");
  }

  @Test
  void statusExitsZeroWhenUnsealedAndPrintsATable() {
    server.raw("GET sys/seal-status", 200, sealStatus(false));
    CliRun r = coffer("status");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Key             Value")
        .containsPattern("Sealed\\s+false")
        .containsPattern("Total Shares\\s+5")
        .containsPattern("Storage Type\\s+sqlite");
  }

  @Test
  void statusExitsTwoWhenSealedAndShowsProgress() {
    server.raw("GET sys/seal-status", 200, sealStatus(true));
    CliRun r = coffer("status");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).containsPattern("Unseal Progress\\s+1/3");
  }

  @Test
  void statusExitsOneWhenTheServerCannotBeReached() {
    FakeServer stopped = new FakeServer();
    String address = stopped.address();
    stopped.close();
    CliRun r = CliRun.run(Map.of("COFFER_ADDR", address), "", null, "status");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: cannot connect to ");
  }

  @Test
  void statusInJsonPrintsTheServersBody() {
    server.raw("GET sys/seal-status", 200, sealStatus(false));
    CliRun r = coffer("status", "-format=json");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("  \"sealed\": false").contains("\"storage_type\": \"sqlite\"");
  }

  @Test
  void initSendsSharesAndThresholdAndPrintsKeysAndToken() {
    server.raw(
        "PUT sys/init",
        200,
        Map.of(
            "keys",
            List.of("aa", "bb"),
            "keys_base64",
            List.of("qg==", "uw=="),
            "root_token",
            "cfs.new"));
    CliRun r = coffer("operator", "init", "-key-shares=2", "-key-threshold=2");
    assertThat(r.exitCode()).isZero();
    assertThat(server.last().data())
        .containsEntry("secret_shares", 2)
        .containsEntry("secret_threshold", 2);
    assertThat(r.out())
        .contains("Unseal Key 1: qg==")
        .contains("Unseal Key 2: uw==")
        .contains("Initial Root Token: cfs.new");
  }

  @Test
  void initDefaultsToFiveSharesAndThreeOfThem() {
    server.raw("PUT sys/init", 200, Map.of("keys", List.of(), "root_token", "t"));
    coffer("operator", "init");
    assertThat(server.last().data())
        .containsEntry("secret_shares", 5)
        .containsEntry("secret_threshold", 3);
  }

  @Test
  void unsealSendsTheKeyAndPrintsTheStatus() {
    server.raw("PUT sys/unseal", 200, sealStatus(true));
    CliRun r = coffer("operator", "unseal", "abcd");
    assertThat(r.exitCode()).isZero();
    assertThat(server.last().data()).containsEntry("key", "abcd");
    assertThat(r.out()).containsPattern("Sealed\\s+true");
  }

  @Test
  void unsealReadsTheKeyFromStdinWithADash() {
    server.raw("PUT sys/unseal", 200, sealStatus(false));
    CliRun r = withStdin("secret-share\n", "operator", "unseal", "-");
    assertThat(r.exitCode()).isZero();
    assertThat(server.last().data()).containsEntry("key", "secret-share");
  }

  @Test
  void unsealWithoutAKeyAndWithoutAConsoleFailsClearly() {
    CliRun r = coffer("operator", "unseal");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: an unseal key is required");
    assertThat(server.requests).isEmpty();
  }

  @Test
  void unsealResetSendsReset() {
    server.raw("PUT sys/unseal", 200, sealStatus(true));
    coffer("operator", "unseal", "-reset");
    assertThat(server.last().data()).containsEntry("reset", true);
  }

  @Test
  void sealSendsTheTokenAndSaysSuccess() {
    server.empty("PUT sys/seal");
    CliRun r = coffer("operator", "seal");
    assertThat(r.exitCode()).isZero();
    assertThat(server.last().token()).isEqualTo("cfs.root");
    assertThat(r.out()).isEqualTo("Success! Coffer is sealed.\n");
  }

  @Test
  void rotateRotatesThenShowsTheNewTerm() {
    server.empty("PUT sys/rotate");
    server.ok("GET sys/key-status", Map.of("term", 2, "install_time", "2026-01-01T00:00:00Z"));
    CliRun r = coffer("operator", "rotate");
    assertThat(r.exitCode()).isZero();
    assertThat(server.requests.get(0).method()).isEqualTo(RequestMethod.PUT);
    assertThat(r.out()).contains("Success! Rotated key").containsPattern("Key Term\\s+2");
  }

  @Test
  void keyStatusPrintsTheTerm() {
    server.ok("GET sys/key-status", Map.of("term", 3, "install_time", "t"));
    CliRun r = coffer("operator", "key-status");
    assertThat(r.out()).containsPattern("Key Term\\s+3").containsPattern("Install Time\\s+t");
  }

  @Test
  void aServerErrorIsPrintedWithStatusAndMessageAndExitsTwo() {
    server.fail("PUT sys/seal", ErrorCode.PERMISSION_DENIED, "permission denied");
    CliRun r = coffer("operator", "seal");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("Error: 403 permission denied\n");
    assertThat(r.out()).isEmpty();
  }
}
