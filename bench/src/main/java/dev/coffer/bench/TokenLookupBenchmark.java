package dev.coffer.bench;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.server.core.token.TokenStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TokenStore#authenticate} over an unsealed barrier on in-memory storage holding 10,000
 * tokens: HMAC of the presented id, one encrypted read, decryption and JSON parsing. Each call
 * presents the next of the 10,000 ids.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenLookupBenchmark {
  static final int TOKENS = 10_000;

  private TokenStore tokens;
  private String[] ids;
  private int next;

  @Setup
  public void fillStore() {
    Barrier barrier = new Barrier(new InMemoryStorageBackend());
    byte[] rootKey = new byte[32];
    new SecureRandom().nextBytes(rootKey);
    Clock clock = Clock.systemUTC();
    barrier.initialize(rootKey, clock.instant());
    tokens = new TokenStore(barrier, clock);
    ids = new String[TOKENS];
    for (int i = 0; i < TOKENS; i++) {
      ids[i] = "cfs.bench" + String.format("%020d", i);
      tokens.createRoot(ids[i]);
    }
  }

  @Benchmark
  public TokenEntry authenticate() {
    int i = next;
    next = i + 1 == TOKENS ? 0 : i + 1;
    return tokens.authenticate(ids[i]);
  }

  @Benchmark
  public boolean lookupOfUnknownToken() {
    return tokens.lookup("cfs.not-a-token-that-exists").isPresent();
  }
}
