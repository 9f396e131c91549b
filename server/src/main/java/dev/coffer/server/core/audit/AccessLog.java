package dev.coffer.server.core.audit;

import dev.coffer.server.core.AuditedCall;
import dev.coffer.server.core.Json;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The per-path access history: who read, wrote or was denied on one path, kept inside the barrier
 * so an operator need not grep audit files. One record per routed request at {@code
 * sys/access-log/<sha256(path)>-<reverse time>-<request id>}, so a path's records are next to each
 * other and newest first in one listing of {@code sys/access-log/} (the records one batch of the
 * writer holds for a path share a row); the oldest records beyond {@link #MAX_PER_PATH} are deleted
 * as new ones arrive. A record holds who and what happened, never request or response data.
 *
 * <p>A path's rows share a name prefix rather than a folder of their own so that the first record
 * of a path costs one stored row, not two (the folder's row and the record's): with one new path
 * per request, as when reading a million different secrets, the folder rows doubled the writer's
 * work. Rows written by earlier versions, in a folder per path ({@code
 * sys/access-log/<sha256(path)>/}), are still listed (after the newer ones) and trimmed.
 *
 * <p>Records are written asynchronously: a request only puts its record on a bounded queue ({@link
 * AccessLogQueue}); one background writer, running while the core is unsealed ({@link #start()},
 * {@link #stop()}), stores many records per storage transaction, so a read costs no durable write
 * of its own. A full queue drops records and counts them ({@link #dropped()}); a crash loses the
 * records still queued (the audit devices are the durable record). {@link #list} first stores what
 * is queued, so a caller sees its own requests.
 *
 * <p>Trimming a path pages through all its rows, so it is done after one record in {@link
 * #PRUNE_EVERY}, drawn at random, rather than after each; rows are kept or dropped whole (a row
 * holds at most {@link #MAX_PER_PATH} records), so a path may hold up to about twice the bound.
 */
public final class AccessLog {
  /** How many records are kept per path. */
  public static final int MAX_PER_PATH = 1000;

  /** Trimming runs after one record in this many, on average. */
  public static final int PRUNE_EVERY = 64;

  /** How many records may wait for the writer before new ones are dropped. */
  static final int QUEUE_CAPACITY = 16_384;

  /** At most this many records are stored per transaction. */
  static final int BATCH_SIZE = 4096;

  /** Between a row's key and the number of records it holds, for rows of several. */
  static final char COUNT_SEPARATOR = '.';

  /** Where the records live in the barrier's root storage. */
  static final String PREFIX = "sys/access-log/";

  /** How many row names one listing page of {@link #PREFIX} reads. */
  private static final int PAGE = 256;

  private static final System.Logger LOG = System.getLogger(AccessLog.class.getName());

  private final Storage storage;
  private final int maxPerPath;
  private final int pruneEvery;
  private final AccessLogQueue<Pending> queue;

  /** The access log in {@code storage} (the barrier's root view), keeping the default bound. */
  public AccessLog(Storage storage) {
    this(storage, MAX_PER_PATH, PRUNE_EVERY, QUEUE_CAPACITY, BATCH_SIZE);
  }

  /** An access log that trims after every record (for tests of the bound). */
  AccessLog(Storage storage, int maxPerPath) {
    this(storage, maxPerPath, 1, QUEUE_CAPACITY, BATCH_SIZE);
  }

  AccessLog(Storage storage, int maxPerPath, int pruneEvery) {
    this(storage, maxPerPath, pruneEvery, QUEUE_CAPACITY, BATCH_SIZE);
  }

  AccessLog(Storage storage, int maxPerPath, int pruneEvery, int queueCapacity, int batchSize) {
    this.storage = storage;
    this.maxPerPath = maxPerPath;
    this.pruneEvery = pruneEvery;
    this.queue = new AccessLogQueue<>(queueCapacity, batchSize, this::store);
  }

  /** Starts the background writer, storing batches directly (for tests). */
  void start() {
    start(
        work -> {
          work.run();
          return true;
        });
  }

  /**
   * Starts the background writer (after unseal).
   *
   * @param guard runs one batch of the writer and answers whether it ran: the core runs it under
   *     its shared lock and only while unsealed; a batch that did not run stays queued
   */
  public void start(Predicate<Runnable> guard) {
    queue.start(guard);
  }

  /** Stops the background writer and stores every queued record (before seal). */
  public void stop() {
    queue.stop();
  }

  /** Records dropped since start-up because the queue was full. */
  public long dropped() {
    return queue.dropped();
  }

  /** Records lost since start-up because storing them failed. */
  public long failed() {
    return queue.failed();
  }

  /** Records waiting to be stored. */
  public int queued() {
    return queue.queued();
  }

  /**
   * Queues the outcome of one request for the writer. Never blocks and never fails the request: a
   * full queue drops the record and counts it.
   *
   * @param error the error the client was given, or {@code null}
   */
  public void record(AuditedCall call, CofferException error, Instant now) {
    // Only cheap work here; hashing the path and encoding the record happen on the writer.
    queue.offer(new Pending(call.path(), now, call.requestId(), entry(call, error, now)));
  }

  /**
   * The records of {@code path}, newest first, at most {@code limit} and never more than the bound
   * per path (trimming keeps or drops a row whole, so storage may hold a few more); queued ones
   * included.
   */
  public List<Map<String, Object>> list(String path, int requested) {
    queue.flush();
    int limit = Math.min(requested, maxPerPath);
    List<Map<String, Object>> out = new ArrayList<>();
    for (String row : rows(path)) {
      if (out.size() >= limit) {
        break;
      }
      storage
          .get(PREFIX + row)
          .ifPresent(
              b -> {
                for (Map<String, Object> record : Json.readAll(b)) {
                  if (out.size() < limit) {
                    out.add(record);
                  }
                }
              });
    }
    return out;
  }

  /**
   * The names (under {@link #PREFIX}) of the rows holding {@code path}'s records, newest first:
   * rows named {@code <hash>-<key>}, then rows of earlier versions in the folder {@code <hash>/}.
   */
  List<String> rows(String path) {
    String hash = hash(path);
    String first = hash + "-";
    List<String> rows = new ArrayList<>();
    for (String after = first; ; ) {
      List<String> page = storage.listPage(PREFIX, after, PAGE);
      for (String name : page) {
        if (!name.startsWith(first)) {
          return withEarlierRows(hash, rows);
        }
        rows.add(name);
      }
      if (page.size() < PAGE) {
        return withEarlierRows(hash, rows);
      }
      after = page.get(page.size() - 1);
    }
  }

  private List<String> withEarlierRows(String hash, List<String> rows) {
    for (String key : storage.list(PREFIX + hash + "/")) {
      rows.add(hash + "/" + key);
    }
    return rows;
  }

  /**
   * Stores one batch in one transaction (one commit), one row per path, then trims the paths drawn
   * for it. A row holds one record (a JSON object, key {@link #key}) or, when the batch had several
   * for the path, all of them newest first (a JSON array, key {@link #key} of the newest plus
   * {@code .<count>}): a busy path costs one row per batch instead of one per request.
   */
  private void store(List<Pending> batch) {
    Map<String, List<Pending>> byPath = new LinkedHashMap<>();
    Set<String> toTrim = new LinkedHashSet<>();
    for (Pending p : batch) {
      String path = normalize(p.path());
      byPath.computeIfAbsent(path, unused -> new ArrayList<>()).add(p);
      // Random rather than counted, so no pattern of requests over paths escapes trimming.
      if (ThreadLocalRandom.current().nextInt(pruneEvery) == 0) {
        toTrim.add(path);
      }
    }
    // Newest first; among equal times the later arrival first. A path keeps at most maxPerPath
    // records, so a busy path's row never holds more (older ones would only be trimmed later).
    byPath.replaceAll((path, records) -> newestFirst(records, maxPerPath));
    storage.transaction(
        tx -> {
          byPath.forEach(
              (path, records) ->
                  tx.put(PREFIX + hash(path) + "-" + rowKey(records), rowValue(records)));
          return null;
        });
    for (String path : toTrim) {
      try {
        prune(path);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "access log not trimmed: " + e.getMessage());
      }
    }
  }

  private static List<Pending> newestFirst(List<Pending> records, int max) {
    Collections.reverse(records);
    records.sort(Comparator.comparing(Pending::time).reversed());
    return records.size() <= max ? records : records.subList(0, max);
  }

  /** The key of a row holding {@code records}, newest first. */
  private static String rowKey(List<Pending> records) {
    Pending newest = records.get(0);
    String key = key(newest.time(), newest.requestId());
    return records.size() == 1 ? key : key + COUNT_SEPARATOR + records.size();
  }

  private static byte[] rowValue(List<Pending> records) {
    if (records.size() == 1) {
      return Json.write(records.get(0).entry());
    }
    List<Map<String, Object>> entries = new ArrayList<>(records.size());
    records.forEach(r -> entries.add(r.entry()));
    return Json.writeAll(entries);
  }

  /** How many records the row under {@code key} holds, read from the key. */
  static int recordsIn(String key) {
    int dot = key.lastIndexOf(COUNT_SEPARATOR);
    if (dot < 0) {
      return 1;
    }
    try {
      return Math.max(1, Integer.parseInt(key.substring(dot + 1)));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * Deletes the rows past the newest {@code maxPerPath} records (a row is kept or dropped whole).
   */
  private void prune(String path) {
    List<String> keys = rows(path);
    int kept = 0;
    int firstDropped = keys.size();
    for (int i = 0; i < keys.size(); i++) {
      if (kept >= maxPerPath) {
        firstDropped = i;
        break;
      }
      kept += recordsIn(keys.get(i));
    }
    if (firstDropped == keys.size()) {
      return;
    }
    List<String> oldest = keys.subList(firstDropped, keys.size());
    // One transaction: one durable commit for all of them, not one per record.
    storage.transaction(
        tx -> {
          oldest.forEach(k -> tx.delete(PREFIX + k));
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

  /** One record on its way to storage. */
  private record Pending(String path, Instant time, String requestId, Map<String, Object> entry) {}

  /** The hex SHA-256 of a path without surrounding slashes: the start of its rows' names. */
  static String hash(String path) {
    return AuditChain.sha256Hex(normalize(path).getBytes(StandardCharsets.UTF_8));
  }

  private static String normalize(String path) {
    String p = path == null ? "" : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** A key that sorts newest first: the time reversed, zero-padded, then the request id. */
  static String key(Instant now, String requestId) {
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    String reversed = Long.toString(Long.MAX_VALUE - nanos);
    StringBuilder key = new StringBuilder(20 + 1 + Math.max(4, requestId.length()));
    key.append("0".repeat(Math.max(0, 19 - reversed.length()))).append(reversed).append('-');
    if (requestId.isEmpty()) {
      return key.append("none").toString();
    }
    for (int i = 0; i < requestId.length(); i++) {
      char c = requestId.charAt(i);
      boolean plain =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      key.append(plain ? c : '_');
    }
    return key.toString();
  }
}
