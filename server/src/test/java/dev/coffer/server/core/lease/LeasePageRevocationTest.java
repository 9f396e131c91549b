package dev.coffer.server.core.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.SecretLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Due leases are revoked a page at a time, and each page's storage work is one transaction. */
class LeasePageRevocationTest {
  private final LeaseHarness h = new LeaseHarness();

  @Test
  void aPageOfDueLeasesIsDeletedInOneStorageTransaction() {
    issue(h, 20, Duration.ofSeconds(5), "token-hmac");
    h.clock.advance(Duration.ofSeconds(5));
    int before = h.backend.transactions();

    assertThat(h.leases.expireDue()).isEqualTo(20);

    assertThat(h.backend.transactions() - before).isEqualTo(1);
    assertThat(h.revoked()).hasSize(20);
    assertThat(h.live()).isEmpty();
    assertThat(h.leases.counts())
        .extracting(LeaseCounts::leases, LeaseCounts::irrevocable, LeaseCounts::revoked)
        .containsExactly(0L, 0L, 20L);
    assertThat(h.backend.list("sys/expire/time/")).isEmpty();
    assertThat(h.backend.list("sys/expire/token/")).isEmpty();
    assertThat(h.backend.list("sys/expire/id/")).isEmpty();
  }

  @Test
  void moreDueLeasesThanFitInAPageAreRevokedOneTransactionPerPage() {
    int n = LeaseStore.PAGE + 10;
    issue(h, n, Duration.ofSeconds(5), "");
    h.issue("later");
    h.clock.advance(Duration.ofSeconds(5));
    int before = h.backend.transactions();

    assertThat(h.leases.expireDue()).isEqualTo(n);

    assertThat(h.backend.transactions() - before).isEqualTo(2);
    assertThat(h.leases.counts().leases()).isEqualTo(1);
    assertThat(h.live()).singleElement().asString().startsWith("later-");
  }

  @Test
  void aFailingLeaseInAPageDoesNotBlockTheOthers() {
    List<SecretLease> leases = issue(h, 5, Duration.ofSeconds(5), "");
    String badId = leases.get(2).leaseId();
    String badUser = (String) h.leases.lookup(badId).internal().get("username");
    h.engine.failRevocationOf(badUser);
    h.clock.advance(Duration.ofSeconds(5));
    int before = h.backend.transactions();

    assertThat(h.leases.expireDue()).isEqualTo(4);

    assertThat(h.backend.transactions() - before).isEqualTo(1);
    assertThat(h.live()).containsExactly(badUser);
    LeaseEntry bad = h.leases.lookup(badId);
    assertThat(bad.attempts()).isEqualTo(1);
    assertThat(bad.expireTime())
        .as("due again after the backoff")
        .isEqualTo(h.clock.instant().plusSeconds(1));
    assertThat(h.leases.counts())
        .extracting(
            LeaseCounts::leases,
            LeaseCounts::irrevocable,
            LeaseCounts::revoked,
            LeaseCounts::revokeFailures)
        .containsExactly(1L, 0L, 4L, 1L);
  }

  @Test
  void countsStayRightWhenOnePageRevokesSomeLeasesAndMakesAnotherIrrevocable() {
    SecretLease bad = h.issue("bad", "", Map.of("ttl", Duration.ofSeconds(5)));
    issue(h, 3, Duration.ofSeconds(8), "");
    h.engine.failRevocationOf((String) h.leases.lookup(bad.leaseId()).internal().get("username"));
    h.clock.advance(Duration.ofSeconds(5));
    h.leases.expireDue();
    h.clock.advance(Duration.ofSeconds(1));
    h.leases.expireDue();
    h.clock.advance(Duration.ofSeconds(2));
    int before = h.backend.transactions();

    assertThat(h.leases.expireDue())
        .as("the third attempt of bad, the first of the others")
        .isEqualTo(3);

    assertThat(h.backend.transactions() - before).isEqualTo(1);
    assertThat(h.leases.lookup(bad.leaseId()).irrevocable()).isTrue();
    LeaseCounts counts = h.leases.counts();
    assertThat(counts)
        .extracting(
            LeaseCounts::leases,
            LeaseCounts::irrevocable,
            LeaseCounts::revoked,
            LeaseCounts::revokeFailures)
        .containsExactly(1L, 1L, 3L, 3L);
    assertThat(h.leases.tidy()).as("no dangling index rows").isZero();
    assertThat(h.leases.counts()).as("a recount agrees").isEqualTo(counts);
  }

  @Test
  void aPageWhoseTransactionFailsIsRevokedAgainLater() {
    issue(h, 3, Duration.ofSeconds(5), "");
    h.clock.advance(Duration.ofSeconds(5));
    h.backend.failNextTransactions(1);

    assertThat(h.leases.expireDue()).isZero();
    assertThat(h.live()).as("the engine revoked them").isEmpty();
    assertThat(h.leases.counts().leases()).as("but their rows stayed").isEqualTo(3);

    assertThat(h.leases.expireDue()).isEqualTo(3);
    assertThat(h.leases.counts().leases()).isZero();
    assertThat(h.backend.list("sys/expire/time/")).isEmpty();
  }

  @Test
  void aPageRunsItsEngineCallsOnTheWorkersAndStoresThemTogether() {
    LeaseHarness w =
        new LeaseHarness(
            new LeaseSettings(
                4, 3, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(1)));
    w.leases.start(
        work -> {
          work.run();
          return true;
        },
        () -> {});
    try {
      issue(w, 50, Duration.ofSeconds(5), "");
      w.clock.advance(Duration.ofSeconds(5));
      int before = w.backend.transactions();

      assertThat(w.leases.expireDue()).isEqualTo(50);

      assertThat(w.backend.transactions() - before).isEqualTo(1);
      assertThat(w.revoked()).hasSize(50);
      assertThat(w.leases.counts().leases()).isZero();
    } finally {
      w.leases.stop();
    }
  }

  @Test
  void concurrentPagesNeverRevokeTheSameLeaseTwice() throws Exception {
    issue(h, 30, Duration.ofHours(1), "");
    List<Thread> threads = new ArrayList<>();
    List<RevokeReport> reports = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> reports.add(h.leases.revokePrefix("db/", true)));
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(h.leases.counts().revoked()).as("engine calls that succeeded").isEqualTo(30);
    assertThat(h.revokeCalls()).as("engine calls, one per lease").isEqualTo(30);
    assertThat(h.revoked()).hasSize(30);
    assertThat(h.leases.counts().leases()).isZero();
    assertThat(reports).as("every thread finished").hasSize(4);
    assertThat(reports).allSatisfy(r -> assertThat(r.complete()).isTrue());
  }

  private static List<SecretLease> issue(LeaseHarness on, int n, Duration ttl, String tokenHash) {
    List<SecretLease> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(on.issue("ro", tokenHash, Map.of("ttl", ttl)));
    }
    return out;
  }
}
