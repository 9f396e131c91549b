package dev.coffer.server.core.lease;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.SecretsEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Revokes one lease at a time per id: a second caller for a lease already being revoked waits for
 * that revocation's outcome instead of starting another. A failed attempt is recorded on the lease
 * with the next attempt due after an exponential backoff; the last allowed attempt moves it to the
 * irrevocable list.
 */
final class Revocations {
  private static final System.Logger LOG = System.getLogger(Revocations.class.getName());

  /** The outcome of one revocation. */
  enum Outcome {
    REVOKED,
    GONE,
    FAILED
  }

  private final LeaseStore store;
  private final LeaseOwners owners;
  private final Clock clock;
  private final LeaseSettings settings;
  private final Map<String, CompletableFuture<Result>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong revoked = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile LeaseEvents events = LeaseEvents.NONE;

  /** An outcome and, for a failure, its error (never a secret). */
  record Result(Outcome outcome, String error) {}

  Revocations(LeaseStore store, LeaseOwners owners, Clock clock, LeaseSettings settings) {
    this.store = store;
    this.owners = owners;
    this.clock = clock;
    this.settings = settings;
  }

  void events(LeaseEvents e) {
    this.events = e;
  }

  /** Ids being revoked right now. */
  Set<String> inFlight() {
    return inFlight.keySet();
  }

  boolean busy(String leaseId) {
    return inFlight.containsKey(leaseId);
  }

  long revokedCount() {
    return revoked.get();
  }

  long failureCount() {
    return failures.get();
  }

  /** Revokes the lease now, or waits for the revocation of it already under way. */
  Result revoke(String leaseId) {
    CompletableFuture<Result> mine = new CompletableFuture<>();
    CompletableFuture<Result> other = inFlight.putIfAbsent(leaseId, mine);
    if (other != null) {
      return other.join();
    }
    try {
      Result r = attempt(leaseId);
      mine.complete(r);
      return r;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(leaseId, mine);
    }
  }

  private Result attempt(String leaseId) {
    Optional<LeaseEntry> found = store.read(leaseId);
    if (found.isEmpty()) {
      return new Result(Outcome.GONE, "");
    }
    LeaseEntry lease = found.get();
    List<String> warnings;
    try {
      warnings = takeBack(lease);
    } catch (RuntimeException | LinkageError e) {
      return failed(lease, describe(e));
    }
    store.delete(leaseId);
    revoked.incrementAndGet();
    if (!warnings.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "lease " + leaseId + " revoked with " + warnings.size() + " warning(s): " + warnings);
      events.report("lease_revoked_with_warnings", fields(lease, "", warnings));
    }
    return new Result(Outcome.REVOKED, "");
  }

  private List<String> takeBack(LeaseEntry lease) {
    if (lease.isToken()) {
      owners.revokeToken(lease.tokenHash());
      return List.of();
    }
    SecretsEngine engine =
        owners
            .engine(lease.mountPath(), lease.mountUuid())
            .orElseThrow(
                () ->
                    CofferException.invalid(
                        "no secrets engine is mounted at " + lease.mountPath()));
    List<String> w = engine.revokeLease(lease.toIssued());
    return w == null ? List.of() : w;
  }

  private Result failed(LeaseEntry lease, String error) {
    failures.incrementAndGet();
    Instant now = clock.instant();
    boolean last = lease.attempts() + 1 >= settings.maxRevokeAttempts();
    Instant next = now.plus(settings.backoffAfter(lease.attempts() + 1));
    store.replace(lease.leaseId(), e -> e.failed(next, error, last || e.irrevocable()));
    LOG.log(
        System.Logger.Level.WARNING,
        "revoking lease "
            + lease.leaseId()
            + " failed (attempt "
            + (lease.attempts() + 1)
            + "): "
            + error
            + (last ? "; the lease is now irrevocable" : ""));
    if (last && !lease.irrevocable()) {
      events.report("lease_irrevocable", fields(lease, error, List.of()));
    }
    return new Result(Outcome.FAILED, error);
  }

  private static Map<String, Object> fields(LeaseEntry lease, String error, List<String> w) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("lease_id", lease.leaseId());
    f.put("mount", lease.mountPath());
    f.put("attempts", lease.attempts() + (error.isEmpty() ? 0 : 1));
    if (!error.isEmpty()) {
      f.put("error", error);
    }
    if (!w.isEmpty()) {
      f.put("warnings", w);
    }
    return f;
  }

  /**
   * A revocation error fit to store and show: a {@link CofferException}'s message (written for
   * users), otherwise only the exception's type, since a driver's message may quote a secret.
   */
  static String describe(Throwable e) {
    if (e instanceof CofferException c) {
      return String.join("; ", c.errors());
    }
    return "the engine failed to revoke the lease (" + e.getClass().getSimpleName() + ")";
  }
}
