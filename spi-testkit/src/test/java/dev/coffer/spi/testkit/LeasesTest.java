package dev.coffer.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretLease;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeasesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aResponseLeaseBecomesAnIssuedLeaseWithItsKindDataAndExpiry() {
    Response r =
        Response.of(Map.of("username", "u"))
            .withLease(SecretLease.of("creds", Duration.ofHours(1), Map.of("user", "u")));

    IssuedLease lease = Leases.issued(r, "database", "creds/ro", NOW);

    assertThat(lease.leaseId()).startsWith("database/creds/ro/");
    assertThat(lease.kind()).isEqualTo("creds");
    assertThat(lease.path()).isEqualTo("creds/ro");
    assertThat(lease.internalString("user")).isEqualTo("u");
    assertThat(lease.issueTime()).isEqualTo(NOW);
    assertThat(lease.expireTime()).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void aZeroTtlExpiresAfterTheTestMountDefault() {
    Response r = Response.of(Map.of()).withLease(SecretLease.of("k", Duration.ZERO, Map.of()));

    assertThat(Leases.issued(r, "m/", "p", NOW).expireTime())
        .isEqualTo(NOW.plus(TestMountContext.DEFAULT_TTL));
  }

  @Test
  void aResponseWithoutALeaseIsRefused() {
    assertThatThrownBy(() -> Leases.issued(Response.of(Map.of()), "m/", "p", NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
