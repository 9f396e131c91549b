package dev.coffer.bench;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@link Barrier#encrypt} and {@link Barrier#decrypt} (AES-256-GCM) per value size. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BarrierBenchmark {
  private static final String KEY = "logical/0f8c7d1e/data/app/db";

  @Param({"64", "1024", "65536"})
  public int size;

  private Barrier barrier;
  private byte[] plaintext;
  private byte[] ciphertext;

  @Setup
  public void unseal() {
    SecureRandom random = new SecureRandom();
    byte[] rootKey = new byte[32];
    random.nextBytes(rootKey);
    barrier = new Barrier(new InMemoryStorageBackend());
    barrier.initialize(rootKey, Instant.now());
    plaintext = new byte[size];
    random.nextBytes(plaintext);
    ciphertext = barrier.encrypt(KEY, plaintext);
  }

  @Benchmark
  public byte[] encrypt() {
    return barrier.encrypt(KEY, plaintext);
  }

  @Benchmark
  public byte[] decrypt() {
    return barrier.decrypt(KEY, ciphertext);
  }
}
