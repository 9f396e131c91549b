package dev.coffer.server.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitGuardTest {
  private final MutableClock clock = new MutableClock();
  private final RateLimitGuard guard = new RateLimitGuard(clock);

  private static ClientInfo from(String ip) {
    return new ClientInfo(ip, "acc", "", List.of(), "");
  }

  private static RateLimitQuota quota(String name, String mount, String suffix, double rate) {
    return new RateLimitQuota(name, mount, suffix, rate, Duration.ofSeconds(1), Duration.ZERO);
  }

  /** How many of {@code attempts} requests pass now. */
  private int admitted(String mount, String path, String ip, int attempts) {
    int ok = 0;
    for (int i = 0; i < attempts; i++) {
      try {
        guard.admit(mount, path, from(ip));
        ok++;
      } catch (CofferException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      }
    }
    return ok;
  }

  @Test
  void noQuotaAdmitsEverything() {
    assertThat(admitted("secret/", "data/a", "10.0.0.1", 1000)).isEqualTo(1000);
  }

  @Test
  void requestsPastTheRateAnswer429WithVaultsMessage() {
    guard.put(quota("kv", "secret/", "", 5));

    assertThat(admitted("secret/", "data/a", "10.0.0.1", 5)).isEqualTo(5);
    assertThatThrownBy(() -> guard.admit("secret/", "data/a", from("10.0.0.1")))
        .isInstanceOfSatisfying(
            CofferException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.errors())
                  .containsExactly("request path \"secret/data/a\": rate limit quota exceeded");
            });
  }

  @Test
  void theNextIntervalRefillsTheWindow() {
    guard.put(quota("kv", "secret/", "", 3));
    assertThat(admitted("secret/", "data/a", "10.0.0.1", 10)).isEqualTo(3);

    clock.advance(Duration.ofMillis(999));
    assertThat(admitted("secret/", "data/a", "10.0.0.1", 1)).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(admitted("secret/", "data/a", "10.0.0.1", 10)).isEqualTo(3);
  }

  @Test
  void rateCountsPerIntervalNotPerSecond() {
    guard.put(new RateLimitQuota("slow", "secret/", "", 2, Duration.ofMinutes(1), Duration.ZERO));
    assertThat(admitted("secret/", "x", "10.0.0.1", 5)).isEqualTo(2);

    clock.advance(Duration.ofSeconds(59));
    assertThat(admitted("secret/", "x", "10.0.0.1", 1)).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(admitted("secret/", "x", "10.0.0.1", 5)).isEqualTo(2);
  }

  @Test
  void eachClientAddressHasItsOwnWindow() {
    guard.put(quota("kv", "secret/", "", 2));

    assertThat(admitted("secret/", "a", "10.0.0.1", 5)).isEqualTo(2);
    assertThat(admitted("secret/", "a", "10.0.0.2", 5)).isEqualTo(2);
  }

  @Test
  void blockIntervalRefusesTheClientUntilItEnds() {
    guard.put(
        new RateLimitQuota("kv", "secret/", "", 2, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    assertThat(admitted("secret/", "a", "10.0.0.1", 3)).isEqualTo(2);

    clock.advance(Duration.ofSeconds(5));
    assertThat(admitted("secret/", "a", "10.0.0.1", 1)).isZero();
    clock.advance(Duration.ofSeconds(5));
    assertThat(admitted("secret/", "a", "10.0.0.1", 5)).isEqualTo(2);
  }

  @Test
  void pathQuotaWinsOverMountQuotaWhichWinsOverTheGlobalOne() {
    guard.put(quota("global", "", "", 30));
    guard.put(quota("mount", "secret/", "", 20));
    guard.put(quota("path", "secret/", "data/app", 10));

    assertThat(admitted("secret/", "data/app", "10.0.0.1", 100)).isEqualTo(10);
    assertThat(admitted("secret/", "data/other", "10.0.0.1", 100)).isEqualTo(20);
    assertThat(admitted("other/", "x", "10.0.0.1", 100)).isEqualTo(30);
  }

  @Test
  void exactPathWinsOverAGlobAndTheLongerGlobWins() {
    guard.put(quota("short", "secret/", "data/*", 1));
    guard.put(quota("long", "secret/", "data/app/*", 2));
    guard.put(quota("exact", "secret/", "data/app/db", 3));

    assertThat(admitted("secret/", "data/app/db", "10.0.0.1", 10)).isEqualTo(3);
    assertThat(admitted("secret/", "data/app/web", "10.0.0.1", 10)).isEqualTo(2);
    assertThat(admitted("secret/", "data/x", "10.0.0.1", 10)).isEqualTo(1);
    assertThat(admitted("secret/", "metadata/x", "10.0.0.1", 10)).isEqualTo(10);
  }

  @Test
  void vaultsDefaultExemptPathsAreNeverLimited() {
    guard.put(quota("global", "", "", 1));

    assertThat(admitted("sys/", "health", "10.0.0.1", 10)).isEqualTo(10);
    assertThat(admitted("sys/", "mounts", "10.0.0.1", 10)).isEqualTo(1);
  }

  @Test
  void configuredExemptPathsReplaceTheDefaultsAndMayEndInAStar() {
    guard.put(quota("global", "", "", 1));
    guard.configure(new RateLimitConfig(false, false, List.of("/v1/secret/data/ci/*")));

    assertThat(admitted("secret/", "data/ci/build", "10.0.0.1", 10)).isEqualTo(10);
    assertThat(admitted("sys/", "health", "10.0.0.1", 10)).isEqualTo(1);
  }

  @Test
  void aSecondQuotaOnTheSamePathsIsRefused() {
    guard.put(quota("first", "secret/", "data/a", 1));

    assertThatThrownBy(() -> guard.put(quota("second", "secret/", "data/a", 2)))
        .isInstanceOfSatisfying(
            CofferException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        "quota rule with similar properties exists under the name \"first\""));
    guard.put(quota("first", "secret/", "data/a", 2));
    assertThat(guard.quota("first")).get().extracting(RateLimitQuota::rate).isEqualTo(2.0);
  }

  @Test
  void replacingOrRemovingAQuotaTakesEffectAtOnce() {
    guard.put(quota("kv", "secret/", "", 1));
    assertThat(admitted("secret/", "a", "10.0.0.1", 3)).isEqualTo(1);

    guard.put(quota("kv", "secret/", "", 3));
    assertThat(admitted("secret/", "a", "10.0.0.1", 5)).isEqualTo(3);
    guard.remove("kv");
    assertThat(admitted("secret/", "a", "10.0.0.1", 50)).isEqualTo(50);
    assertThat(guard.names()).isEmpty();
  }

  @Test
  void trackedClientsStayBoundedAndIdleWindowsAreSwept() {
    RateLimitQuota q = quota("kv", "secret/", "", 1);
    ClientLimiter limiter = new ClientLimiter(q, 3, clock.millis());
    for (int i = 0; i < 10; i++) {
      limiter.tryAcquire("10.0.0." + i, clock.millis());
    }
    assertThat(limiter.trackedClients()).isEqualTo(4); // three clients and the shared overflow
    assertThat(limiter.tryAcquire("10.0.0.9", clock.millis()))
        .as("overflow clients share one window")
        .isFalse();

    clock.advance(Duration.ofSeconds(2));
    assertThat(limiter.tryAcquire("10.0.0.9", clock.millis())).isTrue();
    assertThat(limiter.trackedClients()).isEqualTo(1);
  }
}
