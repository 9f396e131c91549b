package dev.coffer.bench;

import dev.coffer.backend.local.LocalPlugin;
import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.Core;
import dev.coffer.server.core.CorePlugin;
import dev.coffer.server.core.CoreRequest;
import dev.coffer.server.core.CoreResult;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.RequestMethod;
import dev.coffer.server.core.seal.StaticSeal;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A KV v2 read of a 1 KiB secret through {@link Core#handle}, without HTTP and without an audit
 * device: routing, token authentication, authorization, the request guard, the engine's encrypted
 * reads and the response map. In-memory storage, static seal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KvReadThroughCoreBenchmark {
  private Core core;
  private String root;

  @Setup
  public void start() {
    byte[] sealKey = new byte[32];
    new SecureRandom().nextBytes(sealKey);
    core =
        new Core(
            new InMemoryStorageBackend(),
            new StaticSeal(sealKey),
            PluginRegistry.of(List.of(new CorePlugin(), new LocalPlugin())),
            Clock.systemUTC());
    core.start();
    root = core.initialize(1, 1).rootToken();
    core.enableMount("secret", "kv", Map.of("version", "2"), "");
    CoreResult written =
        core.handle(
            request(
                RequestMethod.POST,
                Map.of("data", Map.of("password", "x".repeat(1000), "user", "app"))));
    if (!(written instanceof CoreResult.Ok)) {
      throw new IllegalStateException("setup write failed: " + written);
    }
    if (!(read() instanceof CoreResult.Ok)) {
      throw new IllegalStateException("setup read failed");
    }
  }

  @TearDown
  public void stop() {
    core.close();
  }

  private CoreRequest request(RequestMethod method, Map<String, Object> data) {
    return new CoreRequest("bench", method, "secret/data/app/db", data, root, "127.0.0.1");
  }

  @Benchmark
  public CoreResult read() {
    return core.handle(request(RequestMethod.GET, Map.of()));
  }
}
