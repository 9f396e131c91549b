package dev.coffer.bench;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.audit.AuditChain;
import dev.coffer.server.core.audit.AuditHasher;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the audit broker adds to each request per device, outside the file write: HMAC-SHA256 of
 * every value of an entry ({@code hashEntry}: the response of a KV v2 read of a 1 KiB secret, 8
 * values) and chaining one line ({@code chainLine}: JSON of a ~1.6 KB line and its SHA-256).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuditHashingBenchmark {
  private AuditHasher hasher;
  private Map<String, Object> response;
  private Map<String, Object> line;

  @Setup
  public void setUp() {
    byte[] salt = new byte[32];
    new SecureRandom().nextBytes(salt);
    hasher = new AuditHasher(salt);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("created_time", "2026-01-01T00:00:00.000000000Z");
    metadata.put("custom_metadata", null);
    metadata.put("deletion_time", "");
    metadata.put("destroyed", false);
    metadata.put("version", 3);
    response =
        Map.of(
            "data",
            Map.of(
                "data", Map.of("password", "x".repeat(1000), "user", "app"), "metadata", metadata));
    line = new LinkedHashMap<>();
    line.put("time", "2026-01-01T00:00:00.123456789Z");
    line.put("type", "response");
    line.put(
        "auth", Map.of("accessor", hasher.hash("accessor"), "policies", java.util.List.of("root")));
    line.put(
        "request",
        Map.of("id", "0d3f6a3e-5d8f-4a1c", "operation", "read", "path", "secret/data/app/db"));
    line.put("response", hasher.hashMap(response));
    line.put("seq", 123456L);
    line.put("prev_hash", AuditChain.sha256Hex(new byte[] {1}));
  }

  @Benchmark
  public Map<String, Object> hashEntry() {
    return hasher.hashMap(response);
  }

  @Benchmark
  public String chainLine() {
    return AuditChain.sha256Hex(Json.write(line));
  }
}
