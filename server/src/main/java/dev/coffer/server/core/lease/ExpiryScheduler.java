package dev.coffer.server.core.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background side of leases while unsealed: a ticker that revokes due leases every {@link
 * LeaseSettings#tick()}, a page at a time, calling the engines on a fixed pool of {@link
 * LeaseSettings#revokeWorkers()} threads and storing each page in one transaction, and a runner of
 * the engines' periodic work every {@link LeaseSettings#periodicInterval()}. Both run through a
 * {@link Guard}, so they never overlap a seal. Stopped, bulk revocations run on the caller's
 * thread.
 */
public final class ExpiryScheduler {
  private static final System.Logger LOG = System.getLogger(ExpiryScheduler.class.getName());

  /** Runs background work only while the server is unsealed, under its shared lock. */
  @FunctionalInterface
  public interface Guard {
    /** Runs {@code work} if the server is unsealed; answers whether it ran. */
    boolean run(Runnable work);
  }

  private final LeaseManager manager;
  private final LeaseSettings settings;
  private volatile ScheduledExecutorService timers;
  private volatile ExecutorService workers;
  private volatile Guard guard;
  private volatile boolean stopping;

  ExpiryScheduler(LeaseManager manager, LeaseSettings settings) {
    this.manager = manager;
    this.settings = settings;
  }

  synchronized void start(Guard newGuard, Runnable periodicWork) {
    if (timers != null) {
      return;
    }
    stopping = false;
    guard = newGuard;
    workers =
        Executors.newFixedThreadPool(settings.revokeWorkers(), threads("coffer-lease-revoke"));
    timers = Executors.newScheduledThreadPool(2, threads("coffer-lease-timer"));
    long tick = settings.tick().toMillis();
    timers.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    long periodic = settings.periodicInterval().toMillis();
    timers.scheduleWithFixedDelay(
        () -> guarded(periodicWork), periodic, periodic, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (timers == null) {
      return;
    }
    stopping = true;
    timers.shutdownNow();
    workers.shutdown();
    try {
      if (!timers.awaitTermination(30, TimeUnit.SECONDS)
          || !workers.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "lease workers did not stop within 30 seconds");
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timers = null;
    workers = null;
    guard = null;
    stopping = false;
  }

  /** Whether expiry may go on (false while stopping). */
  boolean accepting() {
    return !stopping;
  }

  /** Asks for a tick soon (leases were made due now). */
  void wake() {
    ScheduledExecutorService t = timers;
    if (t != null && !stopping) {
      try {
        t.execute(this::tick);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // stopping
      }
    }
  }

  /**
   * Revokes these leases as one page (engine calls on the workers when running, then one storage
   * transaction) and waits for every outcome. If the page's transaction fails, every lease of it
   * counts as failed this time; they stay due and are tried again.
   */
  RevokeReport revokeAll(List<String> ids) {
    ExecutorService pool = stopping ? null : workers;
    Map<String, Revocations.Result> results;
    try {
      results = manager.revokePage(ids, pool);
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "storing a page of " + ids.size() + " lease revocations failed: " + e);
      return new RevokeReport(0, ids);
    }
    long revoked = 0;
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, Revocations.Result> r : results.entrySet()) {
      if (r.getValue().outcome() == Revocations.Outcome.FAILED) {
        failed.add(r.getKey());
      } else {
        revoked++;
      }
    }
    return new RevokeReport(revoked, failed);
  }

  private void tick() {
    guarded(manager::expireDue);
  }

  private void guarded(Runnable work) {
    Guard g = guard;
    if (g == null || stopping) {
      return;
    }
    try {
      g.run(work);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "background lease work failed: " + kind(e));
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Only the kind of an unexpected failure: its message may quote what an engine sent. */
  private static String kind(Throwable t) {
    return t == null ? "unknown" : t.getClass().getName();
  }
}
