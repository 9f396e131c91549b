package dev.coffer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LeaseConfigTest {
  @Test
  void theDefaultsAreTheNamedConstants() {
    LeaseConfig lease = CofferConfig.defaults().lease();

    assertThat(lease.revokeWorkers()).isEqualTo(LeaseConfig.DEFAULT_REVOKE_WORKERS);
    assertThat(lease.maxRevokeAttempts()).isEqualTo(LeaseConfig.DEFAULT_MAX_REVOKE_ATTEMPTS);
    assertThat(lease.revokeBackoffInitial()).isEqualTo(LeaseConfig.DEFAULT_REVOKE_BACKOFF_INITIAL);
    assertThat(lease.tick()).isEqualTo(LeaseConfig.DEFAULT_TICK);
    assertThat(lease.periodicInterval()).isEqualTo(LeaseConfig.DEFAULT_PERIODIC_INTERVAL);
  }

  @Test
  void leaseKeysAreReadWithDurationUnitsAndSurviveToBuilder() {
    CofferConfig config =
        CofferConfig.builder()
            .set("lease.revoke_workers", "8")
            .set("lease.max_revoke_attempts", "2")
            .set("lease.revoke_backoff_initial", "250ms")
            .set("lease.tick", "2s")
            .set("lease.periodic_interval", "1m")
            .build();

    assertThat(config.lease())
        .isEqualTo(
            new LeaseConfig(
                8, 2, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofMinutes(1)));
    assertThat(config.toBuilder().build().lease()).isEqualTo(config.lease());
  }

  @Test
  void anInvalidLeaseValueStopsStartUpNamingTheKey() {
    assertThatThrownBy(() -> CofferConfig.builder().set("lease.revoke_workers", "0").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("lease.revoke_workers");
    assertThatThrownBy(() -> CofferConfig.builder().set("lease.tick", "soon").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("lease.tick");
    assertThatThrownBy(() -> CofferConfig.builder().set("lease.unknown", "1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("lease.unknown");
  }
}
