package dev.coffer.bench;

import dev.coffer.backend.local.LocalPlugin;
import dev.coffer.backend.local.storage.SqliteStorageBackendFactory;
import dev.coffer.server.core.Core;
import dev.coffer.server.core.CorePlugin;
import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.RequestMethod;
import dev.coffer.server.core.lease.LeaseEntry;
import dev.coffer.server.core.lease.LeaseManager;
import dev.coffer.server.core.seal.StaticSeal;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretLease;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Lease scale, not a JMH benchmark: for 1,000 and 100,000 leases in a real SQLite file, how long
 * unsealing (a restart) takes and the heap used after it, then how fast 10,000 leases due at once
 * are revoked by the expiry on the revocation workers (one pass, {@code Core.runPeriodicTasks},
 * plus any page the server's own ticker took meanwhile; timed until every one is gone).
 *
 * <p>The fill does not go through the request path for every lease: {@value #THROUGH_CORE} leases
 * are issued through {@code Core.handle} (its rate is printed), and the rest are copies of the
 * first one (new ids and expiry times) written {@value #BATCH} per storage transaction with {@link
 * LeaseManager#storeAll}, so 100,000 leases take minutes instead of an hour. The stored rows and
 * indexes are the same as the request path writes.
 *
 * <p>Run: see {@code docs/benchmarks.md}.
 */
public final class LeaseScaleBenchmark {
  private static final int EXPIRING = 10_000;
  private static final int THROUGH_CORE = 100;
  private static final int BATCH = 1_000;

  private LeaseScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int[] sizes =
        args.length > 0 ? new int[] {Integer.parseInt(args[0])} : new int[] {1_000, 100_000};
    for (int n : sizes) {
      run(n);
    }
  }

  private static void run(int leases) throws Exception {
    Path dir = Files.createTempDirectory("coffer-lease-bench");
    Path db = dir.resolve("coffer.db");
    byte[] sealKey = new byte[32];
    new SecureRandom().nextBytes(sealKey);
    MutableClock clock = new MutableClock();

    long fillStart = System.nanoTime();
    String root;
    double coreRate;
    try (Core core = core(db, sealKey, clock)) {
      core.start();
      root = core.initialize(1, 1).rootToken();
      core.enableMount("bench", "bench-leasing", Map.of(), "");
      long coreStart = System.nanoTime();
      String first = issue(core, root, 3600);
      for (int i = 1; i < THROUGH_CORE; i++) {
        issue(core, root, 3600 + i);
      }
      coreRate = THROUGH_CORE / ((System.nanoTime() - coreStart) / 1e9);
      LeaseEntry template = core.leases().lookup(first);
      storeCopies(core, template, "fill", leases - THROUGH_CORE, i -> 3600 + (i % 86_400));
    }
    double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

    System.gc();
    long heapBefore = usedHeap();
    long restartStart = System.nanoTime();
    try (Core core = core(db, sealKey, clock)) {
      core.start();
      double restartMs = (System.nanoTime() - restartStart) / 1e6;
      System.gc();
      long heapAfter = usedHeap();
      System.out.printf(
          "leases=%d fill=%.1fs (%.0f/s; %d through Core.handle at %.0f/s, the rest %d per"
              + " transaction) restart(unseal)=%.1fms heap_after_restart=%.1fMiB (delta %.1fMiB)"
              + " counted=%d%n",
          leases,
          fillSeconds,
          leases / fillSeconds,
          THROUGH_CORE,
          coreRate,
          BATCH,
          restartMs,
          heapAfter / 1048576.0,
          (heapAfter - heapBefore) / 1048576.0,
          core.leases().counts().leases());

      LeaseEntry template = core.leases().lookup(issue(core, root, 60));
      storeCopies(core, template, "due", EXPIRING - 1, i -> 60);
      clock.advance(Duration.ofSeconds(61));
      long expireStart = System.nanoTime();
      core.runPeriodicTasks();
      awaitLeases(core, leases, EXPIRING);
      double expireSeconds = (System.nanoTime() - expireStart) / 1e9;
      System.out.printf(
          "  expired %d due leases in %.2fs (%.0f/s, %d workers); leases left=%d, revoked=%d%n",
          EXPIRING,
          expireSeconds,
          EXPIRING / expireSeconds,
          core.leases().settings().revokeWorkers(),
          core.leases().counts().leases(),
          core.leases().counts().revoked());
    }
  }

  /**
   * Waits until only {@code left} leases remain and {@code revoked} were revoked (the counter is
   * raised just after a page's transaction commits): the server's own ticker may have taken pages
   * of the due leases, and {@code runPeriodicTasks} skips leases being revoked, so it can return
   * before their page is stored.
   */
  private static void awaitLeases(Core core, long left, long revoked) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while ((core.leases().counts().leases() > left || core.leases().counts().revoked() < revoked)
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  /**
   * Stores {@code n} copies of {@code template} (ids {@code <its folder>/<tag><i>}, issued now,
   * expiring after {@code ttl(i)} seconds), {@value #BATCH} per transaction.
   */
  private static void storeCopies(
      Core core, LeaseEntry template, String tag, int n, IntUnaryOperator ttl) {
    String folder = template.leaseId().substring(0, template.leaseId().lastIndexOf('/') + 1);
    Instant now = core.leases().clock().instant();
    List<LeaseEntry> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < n; i++) {
      long seconds = ttl.applyAsInt(i);
      batch.add(
          new LeaseEntry(
              folder + tag + i,
              template.kind(),
              template.mountPath(),
              template.mountUuid(),
              template.path(),
              template.internal(),
              now,
              now.plusSeconds(seconds),
              null,
              seconds,
              template.maxTtlSeconds(),
              template.renewable(),
              template.tokenHash(),
              0,
              "",
              false,
              List.of()));
      if (batch.size() == BATCH || i == n - 1) {
        core.leases().storeAll(batch);
        batch.clear();
      }
    }
  }

  private static Core core(Path db, byte[] sealKey, MutableClock clock) {
    var storage =
        new SqliteStorageBackendFactory()
            .create(Map.of(SqliteStorageBackendFactory.PATH, db.toString()));
    return new Core(
        storage,
        new StaticSeal(sealKey),
        PluginRegistry.of(List.of(new CorePlugin(), new LocalPlugin(), new BenchLeasing())),
        clock);
  }

  /** Issues one lease through {@code Core.handle}; answers its id. */
  private static String issue(Core core, String root, int ttlSeconds) {
    CoreResult r =
        core.handle(
            new CoreRequest(
                "bench",
                RequestMethod.GET,
                "bench/creds/app",
                Map.of("ttl", Integer.toString(ttlSeconds)),
                root,
                "127.0.0.1"));
    if (!(r instanceof CoreResult.Ok)) {
      throw new IllegalStateException("issue failed: " + r);
    }
    return ((CoreResult.Ok) r).response().lease().leaseId();
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  /** An engine whose leases cost nothing to revoke, so the numbers are the lease manager's. */
  private static final class BenchLeasing implements Plugin {
    @Override
    public String name() {
      return "bench-leasing";
    }

    @Override
    public List<SecretsEngineFactory> secretsEngines() {
      return List.of(
          new SecretsEngineFactory() {
            @Override
            public String type() {
              return "bench-leasing";
            }

            @Override
            public SecretsEngine create(MountContext context) {
              return () ->
                  List.of(
                      PathSpec.builder("creds/{role}")
                          .on(
                              Operation.READ,
                              r ->
                                  Response.of(Map.of("username", "u"))
                                      .withLease(
                                          SecretLease.of(
                                              "creds",
                                              Duration.ofSeconds(
                                                  Long.parseLong(r.string("ttl", "60"))),
                                              Map.of("username", "u"))))
                          .build());
            }
          });
    }
  }
}
