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
import java.util.function.Predicate;

/**
 * The per-path access history: who read, wrote or was denied on one path, kept inside the barrier
 * so an operator need not grep audit files. A record holds who and what happened, never request or
 * response data.
 *
 * <p>Records are kept in arrival order in an {@link AccessJournal}: the newest {@link #MAX_RECORDS}
 * records of all paths (or a few more), in chunks with an index of path hashes, so storing them
 * costs a few rows per batch however many secrets are read, and listing a path reads 8 bytes per
 * record plus the chunks that hold its records. Rows of earlier versions, one or more per path
 * ({@link EarlierAccessRows}), are still listed after the journal's.
 *
 * <p>Records are written asynchronously: a request only puts its record on a bounded queue ({@link
 * AccessLogQueue}); one background writer, running while the core is unsealed ({@link
 * #start(Predicate)}, {@link #stop()}), stores many records per storage transaction, so a read
 * costs no durable write of its own. A full queue drops records and counts them ({@link
 * #dropped()}); a crash loses the records still queued (the audit devices are the durable record).
 * {@link #list} first stores what is queued, so a caller sees its own requests.
 */
public final class AccessLog {
  /** At most this many records are listed per call. */
  public static final int MAX_LISTED = 1000;

  /** How many records, of all paths together, are kept at least. */
  public static final long MAX_RECORDS = 1_000_000;

  /** How many records may wait for the writer before new ones are dropped. */
  static final int QUEUE_CAPACITY = 16_384;

  /** At most this many records are stored per transaction. */
  static final int BATCH_SIZE = 4096;

  /** Where the records live in the barrier's root storage. */
  static final String PREFIX = "sys/access-log/";

  private final AccessJournal journal;
  private final EarlierAccessRows earlier;
  private final AccessLogQueue<Pending> queue;

  /** The access log in {@code storage} (the barrier's root view), keeping the default bound. */
  public AccessLog(Storage storage) {
    this(storage, AccessJournal.CHUNK_RECORDS, MAX_RECORDS, QUEUE_CAPACITY, BATCH_SIZE);
  }

  AccessLog(Storage storage, int chunkRecords, long maxRecords, int queueCapacity, int batchSize) {
    this.journal = new AccessJournal(storage, chunkRecords, maxRecords);
    this.earlier = new EarlierAccessRows(storage);
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
    // What is stored may change while sealed (another node, a restore): read it again on start.
    journal.reset();
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
    queue.offer(new Pending(call.path(), entry(call, error, now)));
  }

  /**
   * The records of {@code path}, newest first, at most {@code limit} (and at most {@link
   * #MAX_LISTED}); queued ones included.
   */
  public List<Map<String, Object>> list(String path, int requested) {
    queue.flush();
    int limit = Math.min(requested, MAX_LISTED);
    String normalized = normalize(path);
    String hash = hash(normalized);
    List<Map<String, Object>> out =
        journal.find(
            pathHash(hash),
            record -> normalized.equals(normalize((String) record.get("path"))),
            limit);
    if (out.size() < limit) {
      out.addAll(earlier.records(hash, limit - out.size()));
    }
    return out;
  }

  /** Stores one batch, oldest first, in one transaction. */
  private void store(List<Pending> batch) {
    List<AccessJournal.Entry> entries = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      entries.add(new AccessJournal.Entry(pathHash(hash(p.path())), Json.write(p.entry())));
    }
    journal.append(entries);
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
  private record Pending(String path, Map<String, Object> entry) {}

  /** The hex SHA-256 of a path without surrounding slashes (rows of earlier versions use it). */
  static String hash(String path) {
    return AuditChain.sha256Hex(normalize(path).getBytes(StandardCharsets.UTF_8));
  }

  /** The first 8 bytes of a hex SHA-256: a path's entry in a journal chunk's index. */
  private static long pathHash(String hexHash) {
    return Long.parseUnsignedLong(hexHash.substring(0, 16), 16);
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
}
