package dev.coffer.backend.local.storage;

import dev.coffer.spi.ConfigMap;
import dev.coffer.spi.StorageBackend;
import dev.coffer.spi.StorageBackendFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The {@code sqlite} storage type: one SQLite file in WAL mode, read through a small pool of
 * connections behind a read cache.
 *
 * <table>
 *   <caption>Configuration keys (section {@code storage})</caption>
 *   <tr><th>key</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code path}</td><td>the database file; parent folders are created</td><td>required</td></tr>
 *   <tr><td>{@code max_connections}</td><td>read connections (the writer and the checkpointer open one each besides)</td><td>{@value
 *       #DEFAULT_MAX_CONNECTIONS}</td></tr>
 *   <tr><td>{@code busy_timeout_ms}</td><td>how long a write waits for the lock</td><td>{@value
 *       #DEFAULT_BUSY_TIMEOUT_MS}</td></tr>
 *   <tr><td>{@code read_cache_mb}</td><td>memory for recently read entries (ciphertext), {@code
 *       0} turns the cache off</td><td>{@value #DEFAULT_READ_CACHE_MB}</td></tr>
 * </table>
 */
public final class SqliteStorageBackendFactory implements StorageBackendFactory {
  /** The type name used in configuration. */
  public static final String TYPE = "sqlite";

  /** Configuration key of the database file. */
  public static final String PATH = "path";

  /** Configuration key of the pool size. */
  public static final String MAX_CONNECTIONS = "max_connections";

  /** Configuration key of the lock wait in milliseconds. */
  public static final String BUSY_TIMEOUT_MS = "busy_timeout_ms";

  /** Configuration key of the read cache's size in MiB. */
  public static final String READ_CACHE_MB = "read_cache_mb";

  /** Read cache size when {@code read_cache_mb} is not set. */
  public static final int DEFAULT_READ_CACHE_MB = 32;

  /** Pool size when {@code max_connections} is not set. */
  public static final int DEFAULT_MAX_CONNECTIONS = 8;

  /** Lock wait when {@code busy_timeout_ms} is not set. */
  public static final int DEFAULT_BUSY_TIMEOUT_MS = 10_000;

  private static final String SECTION = "storage";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public StorageBackend create(Map<String, String> config) {
    ConfigMap c =
        ConfigMap.of(
            SECTION, config, Set.of(PATH, MAX_CONNECTIONS, BUSY_TIMEOUT_MS, READ_CACHE_MB));
    Path file = Path.of(c.required(PATH)).toAbsolutePath();
    int maxConnections = c.integer(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS);
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "invalid value for '" + c.name(MAX_CONNECTIONS) + "': must be at least 1");
    }
    int busyTimeoutMs = c.integer(BUSY_TIMEOUT_MS, DEFAULT_BUSY_TIMEOUT_MS);
    if (busyTimeoutMs < 0) {
      throw new IllegalArgumentException(
          "invalid value for '" + c.name(BUSY_TIMEOUT_MS) + "': must not be negative");
    }
    int readCacheMb = c.integer(READ_CACHE_MB, DEFAULT_READ_CACHE_MB);
    if (readCacheMb < 0) {
      throw new IllegalArgumentException(
          "invalid value for '" + c.name(READ_CACHE_MB) + "': must not be negative");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          "invalid value for '" + c.name(PATH) + "': " + file + " is a directory");
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "invalid value for '"
              + c.name(PATH)
              + "': cannot create folder "
              + file.getParent()
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    return SqliteStorageBackend.open(
        file, maxConnections, busyTimeoutMs, readCacheMb * 1024L * 1024L);
  }
}
