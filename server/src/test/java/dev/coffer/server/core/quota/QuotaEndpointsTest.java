package dev.coffer.server.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.LocalPlugin;
import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.Core;
import dev.coffer.server.core.CorePlugin;
import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.RequestMethod;
import dev.coffer.server.core.seal.StaticSeal;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code sys/quotas/} endpoints and the guard, through a real core with a test clock. */
class QuotaEndpointsTest {
  private static final byte[] KEY = new byte[32];

  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final MutableClock clock = new MutableClock();
  private Core core;
  private String root;

  private static PluginRegistry registry() {
    return PluginRegistry.of(List.of(new CorePlugin(), new LocalPlugin()));
  }

  private Core startCore() {
    Core c = new Core(backend, new StaticSeal(KEY), registry(), clock);
    c.start();
    return c;
  }

  @BeforeEach
  void start() {
    core = startCore();
    root = core.initialize(1, 1).rootToken();
    core.enableMount("secret", "kv", Map.of("version", "2"), "");
    ok(call(RequestMethod.POST, "secret/data/app", Map.of("data", Map.of("k", "v"))));
  }

  @AfterEach
  void stop() {
    core.close();
  }

  private CoreResult call(RequestMethod method, String path, Map<String, Object> data) {
    return core.handle(
        new CoreRequest(UUID.randomUUID().toString(), method, path, data, root, "10.1.1.1"));
  }

  private CoreResult get(String path) {
    return call(RequestMethod.GET, path, Map.of());
  }

  private static Map<String, Object> ok(CoreResult result) {
    if (result instanceof CoreResult.Failed f) {
      throw new AssertionError("expected success, got " + f.error().errors());
    }
    Map<String, Object> data = ((CoreResult.Ok) result).response().data();
    return data == null ? Map.of() : data;
  }

  private static CofferException failed(CoreResult result, ErrorCode code) {
    assertThat(result).isInstanceOf(CoreResult.Failed.class);
    CofferException e = ((CoreResult.Failed) result).error();
    assertThat(e.code()).as("code of %s", e.errors()).isEqualTo(code);
    return e;
  }

  @Test
  void aRateLimitQuotaIsWrittenReadListedAndDeletedAsInVault() {
    ok(
        call(
            RequestMethod.POST,
            "sys/quotas/rate-limit/kv-reads",
            Map.of(
                "path",
                "secret/data/app/*",
                "rate",
                12.5,
                "interval",
                "2m",
                "block_interval",
                30)));
    ok(call(RequestMethod.POST, "sys/quotas/rate-limit/global", Map.of("rate", "100")));

    assertThat(ok(get("sys/quotas/rate-limit/kv-reads")))
        .containsEntry("type", "rate-limit")
        .containsEntry("name", "kv-reads")
        .containsEntry("path", "secret/data/app/*")
        .containsEntry("role", "")
        .containsEntry("rate", 12.5)
        .containsEntry("inheritable", false)
        .containsEntry("interval", 120L)
        .containsEntry("block_interval", 30L);
    assertThat(ok(get("sys/quotas/rate-limit/global")))
        .containsEntry("path", "")
        .containsEntry("inheritable", true)
        .containsEntry("interval", 1L)
        .containsEntry("block_interval", 0L);
    assertThat(ok(call(RequestMethod.LIST, "sys/quotas/rate-limit", Map.of())))
        .containsEntry("keys", List.of("global", "kv-reads"));

    ok(call(RequestMethod.DELETE, "sys/quotas/rate-limit/kv-reads", Map.of()));
    ok(call(RequestMethod.DELETE, "sys/quotas/rate-limit/global", Map.of()));
    failed(get("sys/quotas/rate-limit/kv-reads"), ErrorCode.NOT_FOUND);
    failed(call(RequestMethod.LIST, "sys/quotas/rate-limit", Map.of()), ErrorCode.NOT_FOUND);
  }

  @Test
  void aMountNamedWithoutItsSlashIsAMountQuota() {
    ok(call(RequestMethod.POST, "sys/quotas/rate-limit/m", Map.of("path", "/secret", "rate", 1)));

    assertThat(ok(get("sys/quotas/rate-limit/m"))).containsEntry("path", "secret/");
  }

  @Test
  void badQuotaWritesAnswer400WithVaultsMessages() {
    assertThat(
            failed(
                    call(RequestMethod.POST, "sys/quotas/rate-limit/q", Map.of("rate", 0)),
                    ErrorCode.INVALID_REQUEST)
                .errors())
        .containsExactly("'rate' is invalid");
    assertThat(
            failed(
                    call(
                        RequestMethod.POST,
                        "sys/quotas/rate-limit/q",
                        Map.of("rate", 1, "path", "nowhere/x")),
                    ErrorCode.INVALID_REQUEST)
                .errors())
        .containsExactly("invalid mount path \"nowhere/x\"");
    ok(call(RequestMethod.POST, "sys/quotas/rate-limit/a", Map.of("rate", 1, "path", "secret/")));
    assertThat(
            failed(
                    call(
                        RequestMethod.POST,
                        "sys/quotas/rate-limit/b",
                        Map.of("rate", 1, "path", "secret")),
                    ErrorCode.INVALID_REQUEST)
                .errors())
        .containsExactly("quota rule with similar properties exists under the name \"a\"");
    failed(
        call(
            RequestMethod.POST, "sys/quotas/rate-limit/q", Map.of("rate", 1, "inheritable", false)),
        ErrorCode.INVALID_REQUEST);
    failed(
        call(RequestMethod.POST, "sys/quotas/rate-limit/q", Map.of("rate", "fast")),
        ErrorCode.INVALID_REQUEST);
  }

  @Test
  void aMountQuotaAnswers429PastTheRateAndRecoversNextInterval() {
    ok(call(RequestMethod.POST, "sys/quotas/rate-limit/kv", Map.of("path", "secret/", "rate", 3)));

    for (int i = 0; i < 3; i++) {
      ok(get("secret/data/app"));
    }
    assertThat(failed(get("secret/data/app"), ErrorCode.RATE_LIMITED).errors())
        .containsExactly("request path \"secret/data/app\": rate limit quota exceeded");
    ok(get("sys/quotas/rate-limit/kv"));

    clock.advance(Duration.ofSeconds(1));
    ok(get("secret/data/app"));
  }

  @Test
  void theConfigIsReadAndWrittenAsInVault() {
    assertThat(ok(get("sys/quotas/config")))
        .containsEntry("enable_rate_limit_audit_logging", false)
        .containsEntry("enable_rate_limit_response_headers", false)
        .containsEntry("rate_limit_exempt_paths", RateLimitConfig.DEFAULT_EXEMPT_PATHS);

    ok(
        call(
            RequestMethod.POST,
            "sys/quotas/config",
            Map.of(
                "enable_rate_limit_audit_logging",
                true,
                "rate_limit_exempt_paths",
                List.of("secret/data/app"))));
    ok(call(RequestMethod.POST, "sys/quotas/rate-limit/g", Map.of("rate", 1)));

    assertThat(ok(get("sys/quotas/config")))
        .containsEntry("enable_rate_limit_audit_logging", true)
        .containsEntry("enable_rate_limit_response_headers", false)
        .containsEntry("rate_limit_exempt_paths", List.of("secret/data/app"));
    for (int i = 0; i < 5; i++) {
      ok(get("secret/data/app"));
    }
  }

  @Test
  void theAnomalyGuardIsConfiguredAndBlocksThroughTheCore() {
    assertThat(ok(get("sys/quotas/anomaly")))
        .containsEntry("enabled", false)
        .containsEntry("window", 3600L)
        .containsEntry("threshold", 1000L)
        .containsEntry("entity_threshold", 0L)
        .containsEntry("action", "warn");

    ok(
        call(
            RequestMethod.POST,
            "sys/quotas/anomaly",
            Map.of("enabled", true, "threshold", 3, "window", "10m", "action", "block")));
    for (int i = 0; i < 3; i++) {
      ok(get("secret/data/app"));
    }
    assertThat(failed(get("secret/data/app"), ErrorCode.RATE_LIMITED).errors())
        .containsExactly("read rate for this token exceeded the anomaly threshold");
    ok(call(RequestMethod.POST, "secret/data/app", Map.of("data", Map.of("k", "w"))));

    clock.advance(Duration.ofMinutes(10));
    assertThat(ok(get("sys/quotas/anomaly")))
        .containsEntry("enabled", true)
        .containsEntry("window", 600L)
        .containsEntry("threshold", 3L)
        .containsEntry("action", "block");
  }

  @Test
  void badAnomalySettingsAnswer400() {
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("action", "panic"),
            Map.of("threshold", 0),
            Map.of("window", "0s"),
            Map.of("entity_threshold", -1))) {
      failed(call(RequestMethod.POST, "sys/quotas/anomaly", bad), ErrorCode.INVALID_REQUEST);
    }
    assertThat(ok(get("sys/quotas/anomaly"))).containsEntry("enabled", false);
  }

  @Test
  void settingsAreStoredInsideTheBarrierAndSurviveARestart() {
    ok(call(RequestMethod.POST, "sys/quotas/rate-limit/kv", Map.of("path", "secret/", "rate", 2)));
    ok(call(RequestMethod.POST, "sys/quotas/anomaly", Map.of("enabled", true, "threshold", 50)));
    ok(
        call(
            RequestMethod.POST,
            "sys/quotas/config",
            Map.of("rate_limit_exempt_paths", "sys/health")));
    core.close();
    assertThat(backend.get("sys/quotas/rate-limit/kv")).isPresent();
    assertThat(
            new String(
                backend.get("sys/quotas/rate-limit/kv").orElseThrow(),
                java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("mount_path");

    core = startCore();
    assertThat(ok(get("sys/quotas/rate-limit/kv"))).containsEntry("rate", 2.0);
    assertThat(ok(get("sys/quotas/anomaly"))).containsEntry("threshold", 50L);
    assertThat(ok(get("sys/quotas/config")))
        .containsEntry("rate_limit_exempt_paths", List.of("sys/health"));
    ok(get("secret/data/app"));
    ok(get("secret/data/app"));
    failed(get("secret/data/app"), ErrorCode.RATE_LIMITED);
  }
}
