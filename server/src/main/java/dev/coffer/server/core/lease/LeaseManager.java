package dev.coffer.server.core.lease;

import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.SecretLease;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.StorageBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Every lease of a dynamic secret or of a token with a TTL: issues them, answers the {@code
 * sys/leases} API, and revokes them when they expire (through {@link ExpiryScheduler}'s workers) or
 * when asked ({@link LeaseRevoker}; renewals: {@link LeaseRenewer}). Leases live only in storage
 * ({@link LeaseStore}); unsealing loads nothing.
 *
 * <p>Public for the core, the system backend and the killswitch: {@link #revokeAll()}, {@link
 * #revokePrefix}, {@link #counts()}.
 */
public final class LeaseManager {
  private final LeaseStore store;
  private final Clock clock;
  private final LeaseSettings settings;
  private final Revocations revocations;
  private final ExpiryScheduler scheduler;
  private final LeaseRenewer renewer;
  private final LeaseRevoker revoker;

  /**
   * A manager over the barrier's storage.
   *
   * @param backend the same storage the barrier encrypts into, listed a page at a time
   */
  public LeaseManager(
      Barrier barrier,
      StorageBackend backend,
      Clock clock,
      LeaseSettings settings,
      LeaseOwners owners) {
    this.store = new LeaseStore(barrier, backend);
    this.clock = clock;
    this.settings = settings;
    this.revocations = new Revocations(store, owners, clock, settings);
    this.scheduler = new ExpiryScheduler(this, settings);
    this.renewer = new LeaseRenewer(store, revocations, owners, clock);
    this.revoker = new LeaseRevoker(store, revocations, scheduler, owners, clock);
  }

  /** Where irrevocable leases and revocation warnings are reported (the audit log). */
  public void setEvents(LeaseEvents events) {
    revocations.events(events);
  }

  /** The settings in effect. */
  public LeaseSettings settings() {
    return settings;
  }

  /** The hooks the token store calls. */
  public TokenLeaseHooks tokenHooks() {
    return new TokenLeaseHooks(revoker, store, clock);
  }

  // ---- issuing ----

  /**
   * Stores the lease a handler attached to its response and answers it with its id and TTL: the TTL
   * is the lease's own (or the mount's default), capped by the lease's maximum and the mount's.
   *
   * @param mount the mount that answered
   * @param requestPath the mount-relative path of the request, e.g. {@code creds/readonly}
   * @param tokenHash the HMAC of the caller's token, or {@code ""}
   * @throws RuntimeException if the lease cannot be stored; the secret must then not go out
   */
  public SecretLease register(
      MountEntry mount, String requestPath, String tokenHash, SecretLease lease) {
    Duration max = mount.effectiveMaxTtl();
    if (!lease.maxTtl().isZero() && lease.maxTtl().compareTo(max) < 0) {
      max = lease.maxTtl();
    }
    Duration ttl = lease.ttl().isZero() ? mount.effectiveDefaultTtl() : lease.ttl();
    if (ttl.compareTo(max) > 0) {
      ttl = max;
    }
    ttl = Duration.ofSeconds(Math.max(1, ttl.getSeconds()));
    Instant now = clock.instant();
    String id = LeaseIds.secret(mount.path(), requestPath);
    store.create(
        new LeaseEntry(
            id,
            lease.kind(),
            mount.path(),
            mount.uuid(),
            requestPath,
            lease.internal(),
            now,
            now.plus(ttl),
            null,
            ttl.getSeconds(),
            max.getSeconds(),
            lease.renewable(),
            tokenHash,
            0,
            "",
            false,
            List.of()));
    return lease.issued(id, ttl);
  }

  /**
   * Stores these leases as they are, in one storage transaction, without calling any engine: for
   * bulk loads such as the lease-scale benchmark's fill ({@code bench/}), which bypasses the
   * request path. Each lease must have a new, valid id and name a mounted engine to be revocable
   * later.
   *
   * @throws IllegalArgumentException if an id is not a valid lease id
   * @throws IllegalStateException if a lease with one of these ids exists (nothing is stored)
   */
  public void storeAll(List<LeaseEntry> leases) {
    for (LeaseEntry e : leases) {
      if (!LeaseKeys.validId(e.leaseId())) {
        throw new IllegalArgumentException("not a valid lease id");
      }
    }
    store.createAll(leases);
  }

  // ---- the API ----

  /**
   * The lease with this id.
   *
   * @throws CofferException 400 "invalid lease" if there is none
   */
  public LeaseEntry lookup(String leaseId) {
    return store.require(leaseId);
  }

  /** The direct children of a prefix of lease ids ({@code "abc/"} for a folder). */
  public List<String> list(String prefix) {
    if (!LeaseKeys.validPrefix(prefix)) {
      return List.of();
    }
    String folder = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    return store.children(folder);
  }

  /** The answer of a renewal: the lease with its new TTL, and a warning if it was capped. */
  public record Renewal(SecretLease lease, String warning) {}

  /**
   * Renews a lease by {@code increment} (zero: by its original TTL), never past its maximum TTL;
   * the engine's {@link SecretsEngine#renewLease} is called with the capped expiry first.
   *
   * @throws CofferException 400 for an unknown, token, non-renewable or expired lease
   */
  public Renewal renew(String leaseId, Duration increment) {
    return renewer.renew(leaseId, increment);
  }

  /**
   * Revokes one lease: at once when {@code sync}, otherwise by making it due now for the workers.
   *
   * @throws CofferException 400 "invalid lease" if there is none; 502 if the engine failed
   */
  public void revoke(String leaseId, boolean sync) {
    revoker.revoke(leaseId, sync);
  }

  /**
   * Revokes every lease whose id starts with {@code prefix} (a lease id, or a folder of them).
   * Synchronously: waits for each revocation and reports failures. Otherwise makes them due now.
   */
  public RevokeReport revokePrefix(String prefix, boolean sync) {
    return revoker.revoke(prefix, sync, id -> true);
  }

  /** Revokes every lease, synchronously. */
  public RevokeReport revokeAll() {
    return revokePrefix("", true);
  }

  /**
   * Revokes every lease of a secret, synchronously (the killswitch). Tokens' own leases are left
   * alone: the killswitch revokes tokens itself and spares root tokens, which a token lease's
   * revocation would not.
   */
  public RevokeReport revokeAllSecrets() {
    return revoker.revoke("", true, id -> store.read(id).map(e -> !e.isToken()).orElse(false));
  }

  /**
   * Deletes every lease under {@code prefix} without asking its engine (the secret was removed by
   * hand), irrevocable ones included; a token's lease still revokes the token. Answers how many.
   */
  public long revokeForce(String prefix) {
    return revoker.revokeForce(prefix);
  }

  /** Removes dangling index rows and recounts; answers how many rows it removed. */
  public long tidy() {
    return new LeaseTidy(store).run();
  }

  /** The counts for {@code sys/leases/count} and {@code sys/metrics}. */
  public LeaseCounts counts() {
    LeaseStore.Stats s = store.stats();
    return new LeaseCounts(
        s.leases(), s.irrevocable(), revocations.revokedCount(), revocations.failureCount());
  }

  /** Up to {@code limit} irrevocable leases. */
  public List<LeaseEntry> irrevocable(int limit) {
    List<LeaseEntry> out = new ArrayList<>();
    for (String id : store.irrevocable(limit)) {
      store.read(id).ifPresent(out::add);
    }
    return out;
  }

  // ---- expiry ----

  /**
   * Revokes every lease due now, a page at a time, on the revocation workers when they run (on this
   * thread otherwise); answers how many were revoked. Each due lease is tried once per call.
   */
  public long expireDue() {
    Set<String> tried = new HashSet<>();
    long revoked = 0;
    while (scheduler.accepting()) {
      Set<String> skip = new HashSet<>(tried);
      skip.addAll(revocations.inFlight());
      List<String> due = store.due(clock.instant(), LeaseStore.PAGE, skip);
      if (due.isEmpty()) {
        break;
      }
      tried.addAll(due);
      revoked += scheduler.revokeAll(due).revoked();
    }
    return revoked;
  }

  /** Starts the ticker, the revocation workers and the periodic engine work (after unseal). */
  public void start(ExpiryScheduler.Guard guard, Runnable periodicWork) {
    scheduler.start(guard, periodicWork);
  }

  /** Stops them, waiting for revocations under way (before seal). */
  public void stop() {
    scheduler.stop();
  }

  /** One page of revocations for the scheduler: engine calls on {@code pool} (or this thread). */
  Map<String, Revocations.Result> revokePage(List<String> ids, Executor pool) {
    return revocations.revokeAll(ids, pool);
  }

  /** The clock every lease time is measured against. */
  public Clock clock() {
    return clock;
  }

  static CofferException invalidLease() {
    return CofferException.invalid("invalid lease");
  }
}
