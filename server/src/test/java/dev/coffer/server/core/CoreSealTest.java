package dev.coffer.server.core;

import static dev.coffer.server.core.CoreTesting.failed;
import static dev.coffer.server.core.CoreTesting.ok;
import static dev.coffer.server.core.CoreTesting.raw;
import static dev.coffer.server.core.CoreTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoreSealTest {
  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final Core core = CoreTesting.shamirCore(backend);

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void aFreshCoreIsUninitialisedAndSealed() {
    assertThat(raw(core.handle(request(RequestMethod.GET, "sys/init", null)), 200))
        .containsEntry("initialized", false);
    Map<String, Object> status =
        raw(core.handle(request(RequestMethod.GET, "sys/seal-status", null)), 200);
    assertThat(status)
        .containsEntry("type", "shamir")
        .containsEntry("initialized", false)
        .containsEntry("sealed", true)
        .containsEntry("t", 0)
        .containsEntry("n", 0)
        .containsEntry("progress", 0)
        .containsEntry("nonce", "")
        .containsEntry("migration", false)
        .containsEntry("recovery_seal", false)
        .containsEntry("storage_type", "")
        .containsKeys("version", "build_date");
    raw(core.handle(request(RequestMethod.GET, "sys/health", null)), 501);
  }

  @Test
  void initValidatesSharesAsVaultDoes() {
    assertThat(initError(3, 5))
        .isEqualTo("invalid seal configuration: threshold cannot be larger than shares");
    assertThat(initError(5, 1))
        .isEqualTo(
            "invalid seal configuration: threshold must be greater than one for multiple shares");
    assertThat(initError(0, 0))
        .isEqualTo("invalid seal configuration: shares must be at least one");
    assertThat(core.initialized()).isFalse();
  }

  @Test
  void initTwiceIsRefused() {
    init(1, 1);

    assertThat(initError(1, 1)).isEqualTo("Coffer is already initialized");
  }

  @Test
  void threeOfFiveUnsealThroughRequestsWithProgressAndADuplicate() {
    Map<String, Object> init = init(5, 3);
    List<String> keys = keys(init, "keys");
    List<String> b64 = keys(init, "keys_base64");
    assertThat(keys).hasSize(5).allSatisfy(k -> assertThat(k).hasSize(66));
    assertThat((String) init.get("root_token")).startsWith("cfs.").hasSize(36);
    assertThat(core.sealed()).isTrue();

    Map<String, Object> first = unseal(keys.get(0));
    assertThat(first).containsEntry("progress", 1).containsEntry("sealed", true);
    assertThat((String) first.get("nonce")).isNotEmpty();
    assertThat(unseal(keys.get(0))).containsEntry("progress", 1);
    assertThat(unseal(b64.get(3)))
        .containsEntry("progress", 2)
        .containsEntry("nonce", first.get("nonce"));
    Map<String, Object> done = unseal(keys.get(4));

    assertThat(done)
        .containsEntry("sealed", false)
        .containsEntry("progress", 0)
        .containsEntry("t", 3)
        .containsEntry("n", 5)
        .containsEntry("nonce", "");
    assertThat(core.sealed()).isFalse();
    raw(core.handle(request(RequestMethod.GET, "sys/health", null)), 200);
    ok(core.handle(request(RequestMethod.GET, "sys/mounts", (String) init.get("root_token"))));
  }

  @Test
  void resetForgetsProgressAndStartsANewAttempt() {
    List<String> keys = keys(init(5, 3), "keys");
    String nonce = (String) unseal(keys.get(0)).get("nonce");

    Map<String, Object> reset =
        raw(
            core.handle(request(RequestMethod.PUT, "sys/unseal", null, Map.of("reset", true))),
            200);

    assertThat(reset).containsEntry("progress", 0).containsEntry("nonce", "");
    assertThat(unseal(keys.get(1)).get("nonce")).isNotEqualTo(nonce);
  }

  @Test
  void wrongSharesFailClearlyAndResetProgress() {
    keys(init(5, 3), "keys");
    List<String> foreign = keys(new CoreSealTestHelper().foreignShares(), "keys");

    unseal(foreign.get(0));
    unseal(foreign.get(1));
    CofferException e =
        failed(
            core.handle(
                request(RequestMethod.PUT, "sys/unseal", null, Map.of("key", foreign.get(2)))),
            ErrorCode.INVALID_REQUEST);

    assertThat(e.errors()).containsExactly("Unseal failed, invalid key");
    assertThat(status()).containsEntry("progress", 0).containsEntry("sealed", true);
  }

  @Test
  void badKeyEncodingAndMissingKeyAre400() {
    init(5, 3);

    assertThat(unsealError(Map.of("key", "%%%not-a-key")))
        .isEqualTo("'key' must be a valid hex or base64 string");
    assertThat(unsealError(Map.of()))
        .isEqualTo("'key' must be specified in request body as JSON, or 'reset' set to true");
    assertThat(unsealError(Map.of("key", "abcd"))).contains("expected 33 bytes");
    assertThat(status()).containsEntry("progress", 0);
  }

  @Test
  void unsealBeforeInitIs400() {
    assertThat(unsealError(Map.of("key", "abcd"))).isEqualTo("server is not yet initialized");
  }

  @Test
  void whileSealedNormalPathsAnswer503ButStatusPathsWork() {
    init(1, 1);

    CofferException e =
        failed(core.handle(request(RequestMethod.GET, "secret/data/x", "any")), ErrorCode.SEALED);

    assertThat(e.errors()).containsExactly("Coffer is sealed");
    failed(core.handle(request(RequestMethod.GET, "sys/mounts", null)), ErrorCode.SEALED);
    raw(core.handle(request(RequestMethod.GET, "sys/seal-status", null)), 200);
    raw(core.handle(request(RequestMethod.GET, "sys/health", null)), 503);
    raw(core.handle(request(RequestMethod.HEAD, "sys/health", null)), 503);
    raw(core.handle(request(RequestMethod.GET, "sys/leader", null)), 200);
  }

  @Test
  void healthHonoursStatusOverrides() {
    init(1, 1);

    raw(
        core.handle(request(RequestMethod.GET, "sys/health", null, Map.of("sealedcode", "200"))),
        200);
    failed(
        core.handle(request(RequestMethod.GET, "sys/health", null, Map.of("sealedcode", "x"))),
        ErrorCode.INVALID_REQUEST);
  }

  @Test
  void healthBodyHasVaultsFieldsWhenUnsealed() {
    Map<String, Object> init = init(1, 1);
    unseal(keys(init, "keys").get(0));

    Map<String, Object> body =
        raw(
            core.handle(
                request(RequestMethod.GET, "sys/health", null, Map.of("activecode", "299"))),
            299);

    assertThat(body)
        .containsEntry("initialized", true)
        .containsEntry("sealed", false)
        .containsEntry("standby", false)
        .containsEntry("performance_standby", false)
        .containsEntry("replication_performance_mode", "disabled")
        .containsEntry("replication_dr_mode", "disabled")
        .containsKeys("server_time_utc", "version", "cluster_name", "cluster_id");
    assertThat(raw(core.handle(request(RequestMethod.GET, "sys/leader", null)), 200))
        .containsEntry("ha_enabled", false)
        .containsEntry("leader_address", "");
  }

  @Test
  void sealNeedsTheRootTokenAndThenSeals() {
    Map<String, Object> init = init(1, 1);
    unseal(keys(init, "keys").get(0));
    String root = (String) init.get("root_token");

    failed(core.handle(request(RequestMethod.PUT, "sys/seal", null)), ErrorCode.PERMISSION_DENIED);
    failed(
        core.handle(request(RequestMethod.PUT, "sys/seal", "cfs.wrong")),
        ErrorCode.PERMISSION_DENIED);
    assertThat(core.sealed()).isFalse();

    raw(core.handle(request(RequestMethod.PUT, "sys/seal", root)), 204);

    assertThat(core.sealed()).isTrue();
    failed(core.handle(request(RequestMethod.GET, "sys/mounts", root)), ErrorCode.SEALED);
  }

  @Test
  void sealClosesEnginesAndUnsealRestartsThem() {
    Map<String, Object> init = init(1, 1);
    String key = keys(init, "keys").get(0);
    unseal(key);
    String root = (String) init.get("root_token");
    core.enableMount("memo", "memo", Map.of(), "");
    ok(core.handle(request(RequestMethod.PUT, "memo/data/a", root, Map.of("value", "kept"))));
    int closedBefore = MemoEnginePlugin.CLOSED.get();

    core.seal();
    assertThat(MemoEnginePlugin.CLOSED.get()).isGreaterThan(closedBefore);
    unseal(key);

    assertThat(ok(core.handle(request(RequestMethod.GET, "memo/data/a", root))))
        .containsEntry("value", "kept");
  }

  @Test
  void wrongMethodOnASealPathIs405() {
    failed(
        core.handle(request(RequestMethod.DELETE, "sys/seal-status", null)),
        ErrorCode.UNSUPPORTED_OPERATION);
  }

  private Map<String, Object> init(int shares, int threshold) {
    return raw(
        core.handle(
            request(
                RequestMethod.PUT,
                "sys/init",
                null,
                Map.of("secret_shares", shares, "secret_threshold", threshold))),
        200);
  }

  private String initError(int shares, int threshold) {
    return failed(
            core.handle(
                request(
                    RequestMethod.PUT,
                    "sys/init",
                    null,
                    Map.of("secret_shares", shares, "secret_threshold", threshold))),
            ErrorCode.INVALID_REQUEST)
        .errors()
        .get(0);
  }

  private Map<String, Object> unseal(String key) {
    return raw(
        core.handle(request(RequestMethod.PUT, "sys/unseal", null, Map.of("key", key))), 200);
  }

  private String unsealError(Map<String, Object> body) {
    return failed(
            core.handle(request(RequestMethod.PUT, "sys/unseal", null, body)),
            ErrorCode.INVALID_REQUEST)
        .errors()
        .get(0);
  }

  private Map<String, Object> status() {
    return raw(core.handle(request(RequestMethod.GET, "sys/seal-status", null)), 200);
  }

  @SuppressWarnings("unchecked")
  private static List<String> keys(Map<String, Object> init, String field) {
    return (List<String>) init.get(field);
  }

  /** Shares of another, unrelated initialisation. */
  private static final class CoreSealTestHelper {
    Map<String, Object> foreignShares() {
      try (Core other = CoreTesting.shamirCore(new InMemoryStorageBackend())) {
        return raw(
            other.handle(
                request(
                    RequestMethod.PUT,
                    "sys/init",
                    null,
                    Map.of("secret_shares", 5, "secret_threshold", 3))),
            200);
      }
    }
  }
}
