package dev.coffer.server.core.audit;

import dev.coffer.server.core.AuditedCall;
import dev.coffer.server.core.Json;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The per-path access history: who read, wrote or was denied on one path, kept inside the barrier
 * so an operator need not grep audit files. One record per routed request at {@code
 * sys/access-log/<sha256(path)>/<reverse time>-<request id>}, so a listing is newest first; the
 * oldest records beyond {@link #MAX_PER_PATH} are deleted as new ones arrive. A record holds who
 * and what happened, never request or response data.
 *
 * <p>Trimming a path lists its whole folder, so it is done after one record in {@link
 * #PRUNE_EVERY}, drawn at random, rather than after each: a path holds on average about that many
 * records beyond the bound before they are trimmed. Each record is one durable storage write on the
 * request's path.
 */
public final class AccessLog {
  /** How many records are kept per path. */
  public static final int MAX_PER_PATH = 1000;

  /** Trimming runs after one record in this many, on average. */
  public static final int PRUNE_EVERY = 64;

  /** Where the records live in the barrier's root storage. */
  static final String PREFIX = "sys/access-log/";

  private static final System.Logger LOG = System.getLogger(AccessLog.class.getName());

  private final Storage storage;
  private final int maxPerPath;
  private final int pruneEvery;

  /** The access log in {@code storage} (the barrier's root view), keeping the default bound. */
  public AccessLog(Storage storage) {
    this(storage, MAX_PER_PATH, PRUNE_EVERY);
  }

  /** An access log that trims after every record (for tests of the bound). */
  AccessLog(Storage storage, int maxPerPath) {
    this(storage, maxPerPath, 1);
  }

  AccessLog(Storage storage, int maxPerPath, int pruneEvery) {
    this.storage = storage;
    this.maxPerPath = maxPerPath;
    this.pruneEvery = pruneEvery;
  }

  /**
   * Records the outcome of one request. Never fails the request: a storage error is logged.
   *
   * @param error the error the client was given, or {@code null}
   */
  public void record(AuditedCall call, CofferException error, Instant now) {
    try {
      String dir = dir(call.path());
      storage.put(dir + key(now, call.requestId()), Json.write(entry(call, error, now)));
      // Random rather than counted, so no pattern of requests over paths escapes trimming.
      if (ThreadLocalRandom.current().nextInt(pruneEvery) == 0) {
        prune(dir);
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR,
          "access log of request " + call.requestId() + " not recorded: " + e.getMessage());
    }
  }

  /** The records of {@code path}, newest first, at most {@code limit}. */
  public List<Map<String, Object>> list(String path, int limit) {
    String dir = dir(path);
    List<Map<String, Object>> out = new ArrayList<>();
    for (String key : storage.list(dir)) {
      if (out.size() >= limit) {
        break;
      }
      storage.get(dir + key).ifPresent(b -> out.add(Json.read(b)));
    }
    return out;
  }

  private void prune(String dir) {
    List<String> keys = storage.list(dir);
    if (keys.size() <= maxPerPath) {
      return;
    }
    List<String> oldest = keys.subList(maxPerPath, keys.size());
    // One transaction: one durable commit for all of them, not one per record.
    storage.transaction(
        tx -> {
          oldest.forEach(k -> tx.delete(dir + k));
          return null;
        });
  }

  private static Map<String, Object> entry(AuditedCall call, CofferException error, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", now.toString());
    m.put("request_id", call.requestId());
    m.put("operation", call.operation().name().toLowerCase(Locale.ROOT));
    m.put("path", call.path());
    m.put("accessor", call.client().tokenAccessor());
    m.put("display_name", call.client().displayName());
    m.put("entity_id", call.client().entityId());
    m.put("policies", call.client().policies());
    m.put("remote_address", call.client().remoteAddress());
    m.put("outcome", outcome(error));
    m.put("error", error == null ? "" : String.join("; ", error.errors()));
    return m;
  }

  private static String outcome(CofferException error) {
    if (error == null) {
      return "allowed";
    }
    return error.code() == ErrorCode.PERMISSION_DENIED ? "denied" : "error";
  }

  /** The storage folder of one path: the SHA-256 of the path without surrounding slashes. */
  static String dir(String path) {
    String p = path == null ? "" : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return PREFIX + AuditChain.sha256Hex(p.getBytes(StandardCharsets.UTF_8)) + "/";
  }

  /** A key that sorts newest first: the time reversed, zero-padded, then the request id. */
  static String key(Instant now, String requestId) {
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    String reversed = String.format("%019d", Long.MAX_VALUE - nanos);
    String id = requestId.replaceAll("[^A-Za-z0-9-]", "_");
    return reversed + "-" + (id.isEmpty() ? "none" : id);
  }
}
