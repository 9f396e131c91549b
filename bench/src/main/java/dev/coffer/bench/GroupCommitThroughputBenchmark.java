package dev.coffer.bench;

import dev.coffer.backend.local.storage.SqliteStorageBackendFactory;
import dev.coffer.spi.StorageBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable transactions per second the SQLite backend sustains with 16 concurrent writers (its group
 * commit: shared {@code BEGIN IMMEDIATE ... COMMIT}, one fsync of the log per batch after it),
 * without HTTP, tokens or encryption: the storage bound of the KV v2 write of {@code
 * bench/run-load.sh}. Each operation is one transaction shaped like that write of a new path: read
 * the mount config and the path's metadata, store a 1 KiB version and ~300 bytes of metadata. Run
 * on the disk that matters ({@code java.io.tmpdir}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Threads(16)
@Fork(1)
public class GroupCommitThroughputBenchmark {
  private static final String MOUNT = "logical/00000000-0000-0000-0000-000000000000/";

  private final AtomicLong next = new AtomicLong();
  private Path dir;
  private StorageBackend storage;
  private byte[] version;
  private byte[] metadata;

  @Setup
  public void open() throws IOException {
    dir = Files.createTempDirectory("coffer-groupcommit-bench");
    storage =
        new SqliteStorageBackendFactory()
            .create(Map.of("path", dir.resolve("coffer.db").toString()));
    Random random = new Random(1);
    version = new byte[1_100];
    metadata = new byte[300];
    random.nextBytes(version);
    random.nextBytes(metadata);
    storage.put(MOUNT + "config", new byte[64]);
  }

  @TearDown
  public void close() throws IOException {
    storage.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One KV-v2-write-shaped transaction on a new path. */
  @Benchmark
  public Object writeNewPath() {
    String path = "load/w/" + next.getAndIncrement();
    String hash = Long.toHexString(path.hashCode() & 0xffffffffL);
    return storage.transaction(
        tx -> {
          tx.get(MOUNT + "config");
          tx.get(MOUNT + "metadata/" + path);
          tx.put(MOUNT + "versions/" + hash + path.replace('/', '-') + "/1", version);
          tx.put(MOUNT + "metadata/" + path, metadata);
          return null;
        });
  }
}
