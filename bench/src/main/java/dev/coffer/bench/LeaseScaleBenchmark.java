package dev.coffer.bench;

import dev.coffer.backend.local.LocalPlugin;
import dev.coffer.backend.local.storage.SqliteStorageBackendFactory;
import dev.coffer.server.core.Core;
import dev.coffer.server.core.CorePlugin;
import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.RequestMethod;
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
import java.util.List;
import java.util.Map;

/**
 * Lease scale, not a JMH benchmark: for 1,000 and 100,000 leases in a real SQLite file, how long
 * unsealing (a restart) takes and the heap used after it, then how fast 10,000 leases due at once
 * are revoked by one expiry pass on the revocation workers.
 *
 * <p>Run: see {@code docs/benchmarks.md}.
 */
public final class LeaseScaleBenchmark {
  private static final int EXPIRING = 10_000;

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
    try (Core core = core(db, sealKey, clock)) {
      core.start();
      root = core.initialize(1, 1).rootToken();
      core.enableMount("bench", "bench-leasing", Map.of(), "");
      for (int i = 0; i < leases; i++) {
        issue(core, root, 3600 + (i % 86_400));
      }
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
          "leases=%d fill=%.1fs (%.0f/s) restart(unseal)=%.1fms heap_after_restart=%.1fMiB"
              + " (delta %.1fMiB) counted=%d%n",
          leases,
          fillSeconds,
          leases / fillSeconds,
          restartMs,
          heapAfter / 1048576.0,
          (heapAfter - heapBefore) / 1048576.0,
          core.leases().counts().leases());

      for (int i = 0; i < EXPIRING; i++) {
        issue(core, root, 60);
      }
      clock.advance(Duration.ofSeconds(61));
      long expireStart = System.nanoTime();
      core.runPeriodicTasks();
      double expireSeconds = (System.nanoTime() - expireStart) / 1e9;
      System.out.printf(
          "  expired %d due leases in %.2fs (%.0f/s, %d workers); leases left=%d%n",
          EXPIRING,
          expireSeconds,
          EXPIRING / expireSeconds,
          core.leases().settings().revokeWorkers(),
          core.leases().counts().leases());
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

  private static void issue(Core core, String root, int ttlSeconds) {
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
