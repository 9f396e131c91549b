package dev.coffer.server.core.lease;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Revokes leases when asked: one lease, every lease under a prefix (at once, a page at a time, or
 * by making them due now for the expiry workers), every secret's lease, or by force without asking
 * the engine; and the leases a revoked token created.
 */
final class LeaseRevoker {
  private final LeaseStore store;
  private final Revocations revocations;
  private final ExpiryScheduler scheduler;
  private final LeaseOwners owners;
  private final Clock clock;

  LeaseRevoker(
      LeaseStore store,
      Revocations revocations,
      ExpiryScheduler scheduler,
      LeaseOwners owners,
      Clock clock) {
    this.store = store;
    this.revocations = revocations;
    this.scheduler = scheduler;
    this.owners = owners;
    this.clock = clock;
  }

  /**
   * Revokes one lease: at once when {@code sync}, otherwise by making it due now for the workers.
   *
   * @throws CofferException 400 "invalid lease" if there is none; 502 if the engine failed
   */
  void revoke(String leaseId, boolean sync) {
    store.require(leaseId);
    if (!sync) {
      store.replace(
          leaseId, e -> e.irrevocable() ? e : e.renewed(e.lastRenewal(), clock.instant()));
      scheduler.wake();
      return;
    }
    Revocations.Result r = revocations.revoke(leaseId);
    if (r.outcome() == Revocations.Outcome.FAILED) {
      throw new CofferException(ErrorCode.UPSTREAM_FAILURE, "failed to revoke lease: " + r.error());
    }
  }

  /**
   * Revokes every lease whose id starts with {@code prefix} (a lease id, or a folder of them) and
   * passes {@code which}. Synchronously: waits for each revocation and reports failures. Otherwise
   * makes them due now.
   *
   * @throws CofferException 400 for an invalid prefix
   */
  RevokeReport revoke(String prefix, boolean sync, Predicate<String> which) {
    if (!LeaseKeys.validPrefix(prefix)) {
      throw CofferException.invalid("invalid lease prefix");
    }
    List<String> ids = new ArrayList<>();
    if (!prefix.isEmpty() && !prefix.endsWith("/") && store.read(prefix).isPresent()) {
      ids.add(prefix);
    }
    String folder = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    long[] revoked = new long[1];
    List<String> failed = new ArrayList<>();
    Runnable flush =
        () -> {
          RevokeReport r = sync ? scheduler.revokeAll(ids) : dueNow(ids);
          revoked[0] += r.revoked();
          failed.addAll(r.failed());
          ids.clear();
        };
    store.walk(
        folder,
        id -> {
          if (!which.test(id)) {
            return;
          }
          ids.add(id);
          if (ids.size() >= LeaseStore.PAGE) {
            flush.run();
          }
        });
    flush.run();
    if (!sync) {
      scheduler.wake();
    }
    return new RevokeReport(revoked[0], failed);
  }

  /**
   * Deletes every lease under {@code prefix} without asking its engine, irrevocable ones included;
   * a token's lease still revokes the token. Answers how many.
   *
   * @throws CofferException 400 for an empty or invalid prefix
   */
  long revokeForce(String prefix) {
    if (prefix.isEmpty() || !LeaseKeys.validPrefix(prefix)) {
      throw CofferException.invalid("invalid lease prefix");
    }
    long[] n = new long[1];
    List<String> ids = new ArrayList<>();
    if (!prefix.endsWith("/") && store.read(prefix).isPresent()) {
      ids.add(prefix);
    }
    store.walk(prefix.endsWith("/") ? prefix : prefix + "/", ids::add);
    for (String id : ids) {
      store
          .delete(id)
          .ifPresent(
              e -> {
                n[0]++;
                if (e.isToken()) {
                  owners.revokeToken(e.tokenHash());
                }
              });
    }
    return n[0];
  }

  /** Makes a token's leases due now (its own lease is deleted). */
  void tokenRevoked(String tokenHash) {
    List<String> others = new ArrayList<>();
    for (String id : store.tokenLeases(tokenHash)) {
      Optional<LeaseEntry> e = store.read(id);
      if (e.isPresent() && e.get().isToken() && e.get().tokenHash().equals(tokenHash)) {
        store.delete(id);
      } else if (e.isPresent()) {
        others.add(id);
      }
    }
    if (!others.isEmpty()) {
      dueNow(others);
      scheduler.wake();
    }
  }

  /** Makes these leases due now; revocation happens on the next tick. */
  private RevokeReport dueNow(List<String> ids) {
    Instant now = clock.instant();
    for (String id : ids) {
      store.replace(id, e -> e.irrevocable() ? e : e.renewed(e.lastRenewal(), now));
    }
    return new RevokeReport(0, List.of());
  }
}
