package dev.coffer.server.it;

import dev.coffer.config.CofferConfig;
import dev.coffer.server.CofferServer;
import dev.coffer.server.DevOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Starts real servers on a random loopback port. */
final class TestServers {
  static final String ROOT = "it-root-token";

  private TestServers() {}

  /** A dev server: in memory, unsealed, KV v2 at secret/, root token {@link #ROOT}. */
  static CofferServer dev() {
    return CofferServer.startDev(new DevOptions(ROOT, "127.0.0.1:0", null));
  }

  /** A dev server like {@link #dev()} whose core reads time from {@code clock}. */
  static CofferServer dev(Clock clock) {
    return CofferServer.startDev(new DevOptions(ROOT, "127.0.0.1:0", null), clock);
  }

  /** A server with SQLite storage at {@code db} and a static seal key generated at {@code key}. */
  static CofferServer sqliteWithStaticSeal(Path db, Path key) {
    return CofferServer.start(
        CofferConfig.builder()
            .listenerAddress("127.0.0.1:0")
            .storage("sqlite", Map.of("path", db.toString()))
            .seal("static", Map.of("key_path", key.toString(), "generate", "true"))
            .build());
  }

  /** A server with in-memory storage and a Shamir seal, not yet initialised. */
  static CofferServer inMemoryWithShamirSeal() {
    return CofferServer.start(
        CofferConfig.builder()
            .listenerAddress("127.0.0.1:0")
            .storage("inmem", Map.of())
            .seal("shamir", Map.of())
            .build());
  }

  static VaultApi api(CofferServer server, String token) {
    return new VaultApi(server.address(), token);
  }
}
