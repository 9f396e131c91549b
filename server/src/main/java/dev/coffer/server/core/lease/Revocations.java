package dev.coffer.server.core.lease;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.SecretsEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Revokes leases a page at a time, each lease by one caller at a time: a second caller for a lease
 * already being revoked waits for that revocation's outcome instead of starting another. The engine
 * calls of a page run in parallel; the page's storage work (deleting the revoked leases, recording
 * the failures) is one transaction. A failed attempt is recorded on the lease with the next attempt
 * due after an exponential backoff; the last allowed attempt moves it to the irrevocable list.
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

  /** Revokes the lease now on this thread, or waits for the revocation of it already under way. */
  Result revoke(String leaseId) {
    return revokeAll(List.of(leaseId), null).get(leaseId);
  }

  /**
   * Revokes these leases as one page: reads each and calls its engine (on {@code pool} when given,
   * on this thread otherwise), then deletes every lease revoked and records every failure in one
   * storage transaction. A lease already being revoked elsewhere is not touched again: its result
   * is that revocation's. A crash after the engine calls and before the transaction only means the
   * leases are revoked again later (engines tolerate that).
   *
   * @return each id's result, in the order given
   * @throws RuntimeException if the page's storage transaction fails (the leases stay, due)
   */
  Map<String, Result> revokeAll(List<String> ids, Executor pool) {
    Map<String, CompletableFuture<Result>> mine = new LinkedHashMap<>();
    Map<String, CompletableFuture<Result>> others = new LinkedHashMap<>();
    for (String id : new LinkedHashSet<>(ids)) {
      CompletableFuture<Result> f = new CompletableFuture<>();
      CompletableFuture<Result> other = inFlight.putIfAbsent(id, f);
      if (other == null) {
        mine.put(id, f);
      } else {
        others.put(id, other);
      }
    }
    try {
      settle(attemptAll(mine.keySet(), pool), mine);
    } catch (RuntimeException | Error e) {
      mine.values().forEach(f -> f.completeExceptionally(e));
      throw e;
    } finally {
      mine.forEach(inFlight::remove);
    }
    Map<String, Result> out = new LinkedHashMap<>();
    for (String id : ids) {
      out.computeIfAbsent(id, k -> mine.containsKey(k) ? mine.get(k).join() : outcome(others, k));
    }
    return out;
  }

  private static Result outcome(Map<String, CompletableFuture<Result>> others, String id) {
    try {
      return others.get(id).join();
    } catch (CompletionException | CancellationException e) {
      return new Result(Outcome.FAILED, describe(e.getCause() == null ? e : e.getCause()));
    }
  }

  /** What calling the engine for one lease did, before anything is stored. */
  private record Attempt(String leaseId, LeaseEntry lease, List<String> warnings, String error) {
    boolean revoked() {
      return lease != null && error == null;
    }
  }

  private List<Attempt> attemptAll(Collection<String> ids, Executor pool) {
    List<CompletableFuture<Attempt>> running = new ArrayList<>();
    for (String id : ids) {
      running.add(start(id, pool));
    }
    List<Attempt> done = new ArrayList<>();
    for (CompletableFuture<Attempt> f : running) {
      done.add(f.join());
    }
    return done;
  }

  private CompletableFuture<Attempt> start(String id, Executor pool) {
    if (pool != null) {
      try {
        return CompletableFuture.supplyAsync(() -> attempt(id), pool);
      } catch (RejectedExecutionException e) {
        // the pool is stopping: revoke on this thread
      }
    }
    return CompletableFuture.completedFuture(attempt(id));
  }

  private Attempt attempt(String leaseId) {
    LeaseEntry lease;
    try {
      Optional<LeaseEntry> found = store.read(leaseId);
      if (found.isEmpty()) {
        return new Attempt(leaseId, null, List.of(), null);
      }
      lease = found.get();
    } catch (RuntimeException e) {
      return new Attempt(leaseId, null, List.of(), describe(e));
    }
    try {
      return new Attempt(leaseId, lease, takeBack(lease), null);
    } catch (RuntimeException | LinkageError e) {
      return new Attempt(leaseId, lease, List.of(), describe(e));
    }
  }

  /** Stores the page's outcome in one transaction, then answers every waiting caller. */
  private void settle(List<Attempt> attempts, Map<String, CompletableFuture<Result>> mine) {
    Instant now = clock.instant();
    List<String> revokedIds = new ArrayList<>();
    Map<String, UnaryOperator<LeaseEntry>> failedChanges = new LinkedHashMap<>();
    for (Attempt a : attempts) {
      if (a.revoked()) {
        revokedIds.add(a.leaseId());
      } else if (a.lease() != null) {
        String error = a.error();
        failedChanges.put(
            a.leaseId(),
            e ->
                e.failed(
                    now.plus(settings.backoffAfter(e.attempts() + 1)),
                    error,
                    e.irrevocable() || e.attempts() + 1 >= settings.maxRevokeAttempts()));
      }
    }
    store.settle(revokedIds, failedChanges);
    revoked.addAndGet(revokedIds.size());
    for (Attempt a : attempts) {
      mine.get(a.leaseId()).complete(report(a));
    }
  }

  private Result report(Attempt a) {
    if (a.revoked()) {
      if (!a.warnings().isEmpty()) {
        LOG.log(
            System.Logger.Level.WARNING,
            "lease "
                + a.leaseId()
                + " revoked with "
                + a.warnings().size()
                + " warning(s): "
                + a.warnings());
        events.report("lease_revoked_with_warnings", fields(a.lease(), "", a.warnings()));
      }
      return new Result(Outcome.REVOKED, "");
    }
    if (a.error() == null) {
      return new Result(Outcome.GONE, "");
    }
    failures.incrementAndGet();
    if (a.lease() == null) {
      LOG.log(
          System.Logger.Level.WARNING,
          "revoking lease " + a.leaseId() + " failed: its row cannot be read: " + a.error());
      return new Result(Outcome.FAILED, a.error());
    }
    LeaseEntry lease = a.lease();
    boolean last = lease.attempts() + 1 >= settings.maxRevokeAttempts();
    LOG.log(
        System.Logger.Level.WARNING,
        "revoking lease "
            + lease.leaseId()
            + " failed (attempt "
            + (lease.attempts() + 1)
            + "): "
            + a.error()
            + (last ? "; the lease is now irrevocable" : ""));
    if (last && !lease.irrevocable()) {
      events.report("lease_irrevocable", fields(lease, a.error(), List.of()));
    }
    return new Result(Outcome.FAILED, a.error());
  }

  private List<String> takeBack(LeaseEntry lease) {
    if (lease.isToken()) {
      owners.revokeToken(lease.tokenHash());
      return List.of();
    }
    SecretsEngine engine = owners.engineOf(lease);
    List<String> w = engine.revokeLease(lease.toIssued());
    return w == null ? List.of() : w;
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
