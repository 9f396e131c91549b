package dev.coffer.bench.scale;

import dev.coffer.backend.local.LocalPlugin;
import dev.coffer.backend.local.storage.SqliteStorageBackendFactory;
import dev.coffer.server.core.Core;
import dev.coffer.server.core.CorePlugin;
import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.RequestMethod;
import dev.coffer.server.core.seal.StaticSealFactory;
import dev.coffer.spi.Seal;
import dev.coffer.spi.StorageBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates a Coffer data folder for the scale runs: {@code coffer.db} (SQLite), {@code seal.key} (a
 * static seal) and {@code root-token}, with a KV v2 mount at {@code secret/} holding {@code count}
 * secrets {@code scale/f<i/1000>/k<i>} of about 100 bytes each: folders of 1,000 keys.
 *
 * <p>Written through the core exactly as the server would (token check, policy, KV v2 engine,
 * barrier encryption, one durable transaction per secret), from many threads at once so the SQLite
 * backend's group commit shares fsyncs. Usage: {@code ScaleData <folder> <count> [threads]}.
 */
public final class ScaleData {
  /** Keys per folder. */
  public static final int FOLDER_SIZE = 1000;

  private ScaleData() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    int count = Integer.parseInt(args[1]);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    Files.createDirectories(dir);
    StorageBackend storage =
        new SqliteStorageBackendFactory()
            .create(Map.of("path", dir.resolve("coffer.db").toString()));
    Seal seal =
        new StaticSealFactory()
            .create(Map.of("key_path", dir.resolve("seal.key").toString(), "generate", "true"));
    Core core =
        new Core(
            storage,
            seal,
            PluginRegistry.of(List.of(new CorePlugin(), new LocalPlugin())),
            Clock.systemUTC());
    try {
      core.start();
      String root = core.initialize(1, 1).rootToken();
      Files.writeString(dir.resolve("root-token"), root);
      core.enableMount("secret", "kv", Map.of("version", "2"), "");
      long start = System.nanoTime();
      write(core, root, count, threads);
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "wrote %d secrets in %.1f s (%.0f/s) with %d threads%n",
          count, ms / 1000.0, count * 1000.0 / Math.max(1, ms), threads);
    } finally {
      core.close();
    }
  }

  /** The KV path of secret number {@code i}. */
  public static String path(int i) {
    return "scale/f" + (i / FOLDER_SIZE) + "/k" + i;
  }

  private static void write(Core core, String root, int count, int threads) throws Exception {
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    put(core, root, (int) i);
                    long n = done.incrementAndGet();
                    if (n % 50_000 == 0) {
                      System.out.println("  " + n + " secrets");
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void put(Core core, String root, int i) throws IOException {
    CoreRequest request =
        new CoreRequest(
            "scale-" + i,
            RequestMethod.POST,
            "secret/data/" + path(i),
            Map.of("data", Map.of("user", "app-" + i, "password", "p".repeat(64))),
            root,
            "127.0.0.1");
    CoreResult result = core.handle(request);
    if (!(result instanceof CoreResult.Ok)) {
      throw new IllegalStateException("write of secret " + i + " failed: " + result);
    }
  }
}
