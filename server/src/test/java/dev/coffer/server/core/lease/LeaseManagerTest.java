package dev.coffer.server.core.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.server.testplugins.leasing.LeasingEngine;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.SecretLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseManagerTest {
  private final LeaseHarness h = new LeaseHarness();

  @Test
  void aLeaseIdIsTheMountAndRequestPathWithARandomSuffix() {
    SecretLease lease = h.issue("readonly");

    assertThat(lease.leaseId()).matches("db/creds/readonly/[0-9A-Za-z]{24}");
    assertThat(lease.ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(h.leases.lookup(lease.leaseId()).internal()).containsKey("username");
  }

  @Test
  void theTtlIsCappedByTheLeaseMaxAndTheMountMax() {
    SecretLease longer = h.issue("ro", "", Map.of("ttl", Duration.ofHours(5)));
    SecretLease capped =
        h.issue("ro", "", Map.of("ttl", Duration.ofHours(1), "max_ttl", Duration.ofMinutes(10)));

    assertThat(longer.ttl()).isEqualTo(Duration.ofHours(2));
    assertThat(capped.ttl()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void aDueLeaseIsRevokedThroughItsEngineAndForgotten() {
    SecretLease lease = h.issue("ro", "", Map.of("ttl", Duration.ofSeconds(30)));
    h.clock.advance(Duration.ofSeconds(29));
    assertThat(h.leases.expireDue()).isZero();

    h.clock.advance(Duration.ofSeconds(1));

    assertThat(h.leases.expireDue()).isEqualTo(1);
    assertThat(h.live()).isEmpty();
    assertThat(h.revoked()).hasSize(1);
    assertThatThrownBy(() -> h.leases.lookup(lease.leaseId()))
        .hasMessageContaining("invalid lease");
    assertThat(h.leases.counts().leases()).isZero();
    assertThat(h.backend.list("sys/expire/time/")).isEmpty();
  }

  @Test
  void onlyDueLeasesAreRevokedEarliestFirst() {
    h.issue("a", "", Map.of("ttl", Duration.ofSeconds(10)));
    h.issue("b", "", Map.of("ttl", Duration.ofMinutes(90)));
    h.issue("c", "", Map.of("ttl", Duration.ofSeconds(20)));

    h.clock.advance(Duration.ofSeconds(20));

    assertThat(h.leases.expireDue()).isEqualTo(2);
    assertThat(h.live()).singleElement().asString().startsWith("b-");
    assertThat(h.leases.counts().leases()).isEqualTo(1);
  }

  @Test
  void renewMovesTheExpiryAndCallsTheEngineButNeverPastTheMaxTtl() {
    SecretLease lease =
        h.issue("ro", "", Map.of("ttl", Duration.ofMinutes(10), "max_ttl", Duration.ofMinutes(15)));
    h.clock.advance(Duration.ofMinutes(5));

    LeaseManager.Renewal first = h.leases.renew(lease.leaseId(), Duration.ofMinutes(5));
    assertThat(first.lease().ttl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(first.warning()).isNull();

    LeaseManager.Renewal capped = h.leases.renew(lease.leaseId(), Duration.ofHours(1));
    assertThat(capped.lease().ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(capped.warning()).contains("capped");
    assertThat(h.leases.lookup(lease.leaseId()).lastRenewal()).isEqualTo(h.clock.instant());
    assertThat((List<?>) h.engine.users().get("renewed")).hasSize(1);

    h.clock.advance(Duration.ofMinutes(10));
    assertThat(h.leases.expireDue()).isEqualTo(1);
  }

  @Test
  void aNonRenewableLeaseIsRefused() {
    SecretLease lease = h.issue("ro", "", Map.of("renewable", false));

    assertThatThrownBy(() -> h.leases.renew(lease.leaseId(), Duration.ZERO))
        .isInstanceOf(CofferException.class)
        .hasMessage("lease is not renewable");
  }

  @Test
  void revokedLeaseCannotBeRenewed() {
    SecretLease lease = h.issue("ro");
    h.leases.revoke(lease.leaseId(), true);

    assertThatThrownBy(() -> h.leases.renew(lease.leaseId(), Duration.ZERO))
        .isInstanceOf(CofferException.class)
        .hasMessage("invalid lease");
  }

  @Test
  void aFailingRevocationIsRetriedWithBackoffThenIrrevocableAndNeverLoops() {
    SecretLease lease = h.issue("ro", "", Map.of("ttl", Duration.ofSeconds(5)));
    h.engine.failRevocations(true);
    h.clock.advance(Duration.ofSeconds(5));

    assertThat(h.leases.expireDue()).isZero();
    assertThat(h.leases.lookup(lease.leaseId()).attempts()).isEqualTo(1);
    assertThat(h.leases.expireDue()).as("not before the backoff").isZero();
    assertThat(h.leases.lookup(lease.leaseId()).attempts()).isEqualTo(1);

    h.clock.advance(Duration.ofSeconds(1));
    h.leases.expireDue();
    assertThat(h.leases.lookup(lease.leaseId()).attempts()).isEqualTo(2);
    h.clock.advance(Duration.ofSeconds(1));
    h.leases.expireDue();
    assertThat(h.leases.lookup(lease.leaseId()).attempts()).as("backoff doubled").isEqualTo(2);
    h.clock.advance(Duration.ofSeconds(1));
    h.leases.expireDue();

    LeaseEntry e = h.leases.lookup(lease.leaseId());
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.irrevocable()).isTrue();
    assertThat(e.lastError()).contains("IllegalStateException").doesNotContain("hunter2");
    assertThat(h.leases.counts().irrevocable()).isEqualTo(1);
    assertThat(h.leases.counts().revokeFailures()).isEqualTo(3);
    assertThat(h.leases.irrevocable(10))
        .extracting(LeaseEntry::leaseId)
        .containsExactly(lease.leaseId());

    h.clock.advance(Duration.ofDays(1));
    assertThat(h.leases.expireDue()).isZero();
    assertThat(h.leases.lookup(lease.leaseId()).attempts()).isEqualTo(3);
  }

  @Test
  void revokeForceClearsAnIrrevocableLeaseWithoutTheEngine() {
    SecretLease lease = h.issue("ro", "", Map.of("ttl", Duration.ofSeconds(1)));
    h.engine.failRevocations(true);
    for (int i = 0; i < 3; i++) {
      h.clock.advance(Duration.ofSeconds(10));
      h.leases.expireDue();
    }
    assertThat(h.leases.lookup(lease.leaseId()).irrevocable()).isTrue();

    assertThat(h.leases.revokeForce("db/creds/")).isEqualTo(1);

    assertThat(h.leases.counts())
        .extracting(LeaseCounts::leases, LeaseCounts::irrevocable)
        .containsExactly(0L, 0L);
    assertThat(h.leases.irrevocable(10)).isEmpty();
    assertThat(h.live()).hasSize(1);
  }

  @Test
  void aSyncRevokeThatFailsAnswersUpstreamFailureWithoutTheEnginesMessage() {
    SecretLease lease = h.issue("ro");
    h.engine.failRevocations(true);

    assertThatThrownBy(() -> h.leases.revoke(lease.leaseId(), true))
        .isInstanceOfSatisfying(
            CofferException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_FAILURE))
        .hasMessageNotContaining(LeasingEngine.SECRET_IN_ERROR);
    assertThat(h.leases.lookup(lease.leaseId()).attempts()).isEqualTo(1);
  }

  @Test
  void anAsyncRevokeMakesTheLeaseDueNow() {
    SecretLease lease = h.issue("ro");

    h.leases.revoke(lease.leaseId(), false);

    assertThat(h.live()).hasSize(1);
    assertThat(h.leases.expireDue()).isEqualTo(1);
    assertThat(h.live()).isEmpty();
  }

  @Test
  void revokePrefixRevokesOnlyTheLeasesUnderIt() {
    h.issue("ro");
    h.issue("ro");
    h.issue("rw");

    RevokeReport report = h.leases.revokePrefix("db/creds/ro", true);

    assertThat(report.revoked()).isEqualTo(2);
    assertThat(report.complete()).isTrue();
    assertThat(h.live()).singleElement().asString().startsWith("rw-");
    assertThat(h.leases.list("db/creds/")).containsExactly("rw/");
  }

  @Test
  void revokeAllReportsRevokedAndFailed() {
    h.issue("a");
    h.issue("b");
    h.mounted = false;

    RevokeReport report = h.leases.revokeAll();

    assertThat(report.revoked()).isZero();
    assertThat(report.failed()).hasSize(2);
    h.mounted = true;
    assertThat(h.leases.revokeAll().revoked()).isEqualTo(2);
  }

  @Test
  void unknownOrMalformedLeaseIdsAreInvalidLeases() {
    for (String id : List.of("db/creds/nope", "../x", "a//b", "", "db/creds/ro/")) {
      assertThatThrownBy(() -> h.leases.lookup(id)).hasMessage("invalid lease");
    }
  }

  @Test
  void revokingATokenRevokesTheLeasesItAndItsChildrenCreated() {
    String parent = h.tokens.create(List.of("default"), "parent");
    String parentHash = h.tokens.idHash(parent);
    SecretLease own = h.issue("ro", parentHash, Map.of());
    SecretLease other = h.issue("rw");

    h.tokens.revoke(parent);
    h.leases.expireDue();

    assertThatThrownBy(() -> h.leases.lookup(own.leaseId())).hasMessage("invalid lease");
    assertThat(h.leases.lookup(other.leaseId())).isNotNull();
    assertThat(h.live()).singleElement().asString().startsWith("rw-");
  }

  @Test
  void aTokenWithATtlHasALeaseAndItsExpiryRevokesTheToken() {
    String id =
        h.tokens.issue(
            new dev.coffer.server.core.token.TokenEntry(
                "acc",
                List.of("default"),
                Map.of(),
                "t",
                0,
                h.clock.instant(),
                60,
                h.clock.instant().plusSeconds(60),
                0,
                0,
                true,
                "",
                "auth/token/create",
                "",
                "",
                List.of(),
                null));
    String hash = h.tokens.idHash(id);
    LeaseEntry lease = h.leases.lookup("auth/token/create/" + hash);
    assertThat(lease.isToken()).isTrue();
    SecretLease secret = h.issue("ro", hash, Map.of());

    h.clock.advance(Duration.ofSeconds(60));
    h.leases.expireDue();
    h.leases.expireDue();

    assertThat(h.tokens.lookup(id)).isEmpty();
    assertThat(h.backend.list("sys/token/id/")).isEmpty();
    assertThatThrownBy(() -> h.leases.lookup(secret.leaseId())).hasMessage("invalid lease");
    assertThat(h.leases.counts().leases()).isZero();
  }

  @Test
  void revokeAllSecretsLeavesTokensOwnLeasesAlone() {
    String id =
        h.tokens.issue(
            new dev.coffer.server.core.token.TokenEntry(
                "acc",
                List.of("root"),
                Map.of(),
                "t",
                0,
                h.clock.instant(),
                60,
                h.clock.instant().plusSeconds(60),
                0,
                0,
                true,
                "",
                "auth/token/create",
                "",
                "",
                List.of(),
                null));
    String hash = h.tokens.idHash(id);
    SecretLease secret = h.issue("ro", hash, Map.of());

    RevokeReport report = h.leases.revokeAllSecrets();

    assertThat(report.revoked()).isEqualTo(1);
    assertThatThrownBy(() -> h.leases.lookup(secret.leaseId())).hasMessage("invalid lease");
    assertThat(h.leases.lookup("auth/token/create/" + hash).isToken()).isTrue();
    assertThat(h.tokens.lookup(id)).isPresent();
  }

  @Test
  void tidyRemovesDanglingIndexRowsAndRecounts() {
    SecretLease lease = h.issue("ro");
    h.barrier.root().delete(LeaseKeys.id(lease.leaseId()));

    assertThat(h.leases.tidy()).isEqualTo(1);
    assertThat(h.leases.counts().leases()).isZero();
    assertThat(h.backend.list("sys/expire/time/")).isEmpty();
  }

  @Test
  void theSameLeaseIsNeverRevokedTwiceAtOnce() throws Exception {
    SecretLease lease = h.issue("ro");
    Thread[] threads = new Thread[4];
    List<Throwable> thrown = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(() -> h.leases.revokePrefix("db/", true));
      threads[i].setUncaughtExceptionHandler((t, e) -> thrown.add(e));
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(thrown).isEmpty();
    assertThat(h.revokeCalls()).as("engine calls").isEqualTo(1);
    assertThat(h.revoked()).hasSize(1);
    assertThat(h.leases.counts().revoked()).isEqualTo(1);
    assertThat(h.leases.list("db/")).isEmpty();
    assertThat(lease.leaseId()).isNotEmpty();
  }
}
