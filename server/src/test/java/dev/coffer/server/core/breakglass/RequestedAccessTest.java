package dev.coffer.server.core.breakglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.spi.CofferException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestedAccessTest {
  private static final BreakGlassConfig CONFIG =
      new BreakGlassConfig(
          Duration.ofHours(1), 0, List.of("prod-admin", "unwritten"), List.of(), "");

  private final PolicyStore policies;

  RequestedAccessTest() {
    Barrier barrier = new Barrier(new InMemoryStorageBackend());
    barrier.initialize(new byte[32], Instant.parse("2026-01-01T00:00:00Z"));
    policies = new PolicyStore(barrier);
    policies.put("prod-admin", "path \"secret/*\" { capabilities = [\"read\"] }");
  }

  @Test
  void policyNamesAreNormalisedAndAskedForOnce() {
    RequestedAccess asked =
        RequestedAccess.of(
            data("reason", " outage ", "policies", List.of(" Prod-Admin", "prod-admin")),
            CONFIG,
            policies);

    assertThat(asked.reason()).isEqualTo("outage");
    assertThat(asked.policies()).containsExactly("prod-admin");
  }

  @Test
  void aPolicyThatIsNotBreakGlassOnlyIsRefusedNamingTheConfiguredOnes() {
    assertRefused(
        data("reason", "outage", "policies", List.of("dev")),
        "policy \"dev\" is not a break-glass policy (configured: prod-admin, unwritten)");
  }

  @Test
  void aConfiguredPolicyThatWasNeverWrittenIsRefused() {
    assertRefused(
        data("reason", "outage", "policies", List.of("unwritten")),
        "policy \"unwritten\" does not exist");
  }

  @Test
  void pathsWithoutCapabilitiesAskToReadForTheWholeMaxTtlWhenTheTtlIsZero() {
    RequestedAccess asked =
        RequestedAccess.of(
            data("reason", "outage", "paths", List.of("secret/data/db"), "ttl", 0),
            CONFIG,
            policies);

    assertThat(asked.paths()).containsExactly("secret/data/db");
    assertThat(asked.capabilities()).containsExactly("read");
    assertThat(asked.ttl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aRequestNamingNeitherPoliciesNorPathsIsRefused() {
    assertRefused(data("reason", "outage"), "name break-glass policies or paths to grant");
  }

  @Test
  void aReasonLongerThanTheLimitIsRefused() {
    assertRefused(
        data("reason", "x".repeat(RequestedAccess.MAX_REASON + 1), "policies", "prod-admin"),
        "reason is longer than 1024 characters");
  }

  private void assertRefused(Map<String, Object> data, String message) {
    assertThatThrownBy(() -> RequestedAccess.of(data, CONFIG, policies))
        .isInstanceOf(CofferException.class)
        .hasMessage(message);
  }

  private static Map<String, Object> data(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
