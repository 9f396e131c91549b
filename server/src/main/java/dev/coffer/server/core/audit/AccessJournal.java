package dev.coffer.server.core.audit;

import dev.coffer.server.core.Json;
import dev.coffer.spi.Storage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The access log's records in arrival order, in chunks of {@link #CHUNK_RECORDS}: so storing a
 * batch writes a few large rows, whatever the number of paths it touches, instead of one row per
 * path at a random place of the file. A chunk is two rows named by its sequence number, reversed so
 * that a listing starts with the newest:
 *
 * <ul>
 *   <li>{@code sys/access-log/index/<reversed seq>}: 8 bytes per record, the start of the SHA-256
 *       of its path, so finding a path's records reads 8 bytes per record, not the records;
 *   <li>{@code sys/access-log/records/<reversed seq>}: the records as a JSON array, oldest first.
 * </ul>
 *
 * The newest chunk is open: each batch rewrites it with its new records appended (a chunk only
 * grows, so a reader holding an older index finds the same records at the same places). Starting
 * chunk {@code n} deletes chunk {@code n - maxChunks} in the same transaction, so the journal keeps
 * the newest {@code maxChunks × chunkRecords} records or fewer.
 *
 * <p>{@link #append} is called by one writer at a time ({@link AccessLogQueue} serialises it);
 * {@link #find} may run beside it.
 */
final class AccessJournal {
  /** Records per chunk. */
  static final int CHUNK_RECORDS = 256;

  /** Where chunk indexes live in the barrier's root storage. */
  static final String INDEX = AccessLog.PREFIX + "index/";

  /** Where chunk records live in the barrier's root storage. */
  static final String RECORDS = AccessLog.PREFIX + "records/";

  private static final int PAGE = 256;
  private static final int SEQ_DIGITS = 19;

  private final Storage storage;
  private final int chunkRecords;
  private final long maxChunks;

  // The open chunk; read and written only by the writer. Null until loaded from storage.
  private Chunk open;

  /**
   * @param chunkRecords records per chunk
   * @param maxRecords how many records are kept at least (whole chunks: up to one chunk more)
   */
  AccessJournal(Storage storage, int chunkRecords, long maxRecords) {
    if (chunkRecords < 1 || maxRecords < chunkRecords) {
      throw new IllegalArgumentException("need 1 <= chunkRecords <= maxRecords");
    }
    this.storage = storage;
    this.chunkRecords = chunkRecords;
    this.maxChunks = (maxRecords + chunkRecords - 1) / chunkRecords + 1;
  }

  /** One record to store: the start of its path's hash and its JSON. */
  record Entry(long pathHash, byte[] json) {}

  /** Stores {@code entries} (oldest first) in one transaction. */
  void append(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Chunk current = open != null ? open : load();
    Chunk after;
    try {
      after = storage.transaction(tx -> appendTo(tx, current.copy(), entries));
    } catch (RuntimeException e) {
      // Whether anything was stored is unknown (a commit may fail after writing): read it again.
      open = null;
      throw e;
    }
    // Only after the commit: a failed transaction leaves the open chunk as stored.
    open = after;
  }

  private Chunk appendTo(Storage tx, Chunk start, List<Entry> entries) {
    Chunk c = start;
    boolean changed = false;
    for (Entry e : entries) {
      if (c.size() == chunkRecords) {
        if (changed) {
          write(tx, c);
        }
        c = new Chunk(c.seq + 1);
        if (c.seq > maxChunks) {
          tx.delete(INDEX + name(c.seq - maxChunks));
          tx.delete(RECORDS + name(c.seq - maxChunks));
        }
      }
      c.add(e);
      changed = true;
    }
    write(tx, c);
    return c;
  }

  /** Forgets the open chunk, so the next {@link #append} reads it from storage again. */
  void reset() {
    open = null;
  }

  /**
   * The records of {@code path} (whose hash starts with {@code pathHash}), newest first, at most
   * {@code limit}; {@code samePath} confirms a record found by its hash.
   */
  List<Map<String, Object>> find(
      long pathHash, Predicate<Map<String, Object>> samePath, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String after = ""; out.size() < limit; ) {
      List<String> names = storage.listPage(INDEX, after, PAGE);
      for (String name : names) {
        collect(name, pathHash, samePath, limit, out);
        if (out.size() >= limit) {
          return out;
        }
      }
      if (names.size() < PAGE) {
        break;
      }
      after = names.get(names.size() - 1);
    }
    return out;
  }

  private void collect(
      String name,
      long pathHash,
      Predicate<Map<String, Object>> samePath,
      int limit,
      List<Map<String, Object>> out) {
    Optional<byte[]> index = storage.get(INDEX + name);
    if (index.isEmpty()) {
      return; // dropped by retention since the listing
    }
    ByteBuffer hashes = ByteBuffer.wrap(index.get());
    List<Integer> hits = new ArrayList<>();
    for (int i = hashes.limit() / Long.BYTES - 1; i >= 0; i--) {
      if (hashes.getLong(i * Long.BYTES) == pathHash) {
        hits.add(i);
      }
    }
    if (hits.isEmpty()) {
      return;
    }
    Optional<byte[]> records = storage.get(RECORDS + name);
    if (records.isEmpty()) {
      return;
    }
    List<Map<String, Object>> all = Json.readAll(records.get());
    for (int i : hits) {
      if (i < all.size() && samePath.test(all.get(i)) && out.size() < limit) {
        out.add(all.get(i));
      }
    }
  }

  /**
   * The newest stored chunk, to go on filling if it has room (or a new one after it), once the
   * chunks the bound does not cover are deleted.
   */
  private Chunk load() {
    List<String> newest = storage.listPage(INDEX, "", 1);
    if (newest.isEmpty()) {
      return new Chunk(1);
    }
    long seq = seq(newest.get(0));
    byte[] hashes = storage.get(INDEX + newest.get(0)).orElse(new byte[0]);
    byte[] records = storage.get(RECORDS + newest.get(0)).orElse(null);
    int count = hashes.length / Long.BYTES;
    if (records == null || count >= chunkRecords) {
      dropOlderThanTheBound(seq + 1);
      return new Chunk(seq + 1);
    }
    dropOlderThanTheBound(seq);
    Chunk c = new Chunk(seq);
    List<Map<String, Object>> stored = Json.readAll(records);
    ByteBuffer b = ByteBuffer.wrap(hashes);
    for (int i = 0; i < Math.min(count, stored.size()); i++) {
      c.add(new Entry(b.getLong(i * Long.BYTES), Json.write(stored.get(i))));
    }
    return c;
  }

  /**
   * Deletes the chunks that the bound does not cover with {@code open} as the open chunk, as after
   * lowering it: those up to {@code open - maxChunks}, whose names sort after that of {@code open -
   * maxChunks + 1}.
   */
  private void dropOlderThanTheBound(long open) {
    if (open <= maxChunks) {
      return;
    }
    String after = name(open - maxChunks + 1);
    for (List<String> old = storage.listPage(INDEX, after, PAGE);
        !old.isEmpty();
        old = storage.listPage(INDEX, after, PAGE)) {
      List<String> page = old;
      storage.transaction(
          tx -> {
            for (String name : page) {
              tx.delete(INDEX + name);
              tx.delete(RECORDS + name);
            }
            return null;
          });
    }
  }

  private static void write(Storage tx, Chunk c) {
    tx.put(INDEX + name(c.seq), c.hashes());
    tx.put(RECORDS + name(c.seq), c.json());
  }

  /** A chunk's row name: its sequence number reversed and zero-padded, so newer ones sort first. */
  static String name(long seq) {
    String reversed = Long.toString(Long.MAX_VALUE - seq);
    return "0".repeat(SEQ_DIGITS - reversed.length()) + reversed;
  }

  static long seq(String name) {
    return Long.MAX_VALUE - Long.parseLong(name);
  }

  /** The open chunk's contents. */
  private static final class Chunk {
    final long seq;
    private final List<Entry> entries;

    Chunk(long seq) {
      this(seq, new ArrayList<>());
    }

    private Chunk(long seq, List<Entry> entries) {
      this.seq = seq;
      this.entries = entries;
    }

    Chunk copy() {
      return new Chunk(seq, new ArrayList<>(entries));
    }

    int size() {
      return entries.size();
    }

    void add(Entry e) {
      entries.add(e);
    }

    byte[] hashes() {
      ByteBuffer b = ByteBuffer.allocate(entries.size() * Long.BYTES);
      entries.forEach(e -> b.putLong(e.pathHash()));
      return b.array();
    }

    byte[] json() {
      ByteArrayOutputStream out = new ByteArrayOutputStream(entries.size() * 320 + 2);
      out.write('[');
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.writeBytes(entries.get(i).json());
      }
      out.write(']');
      return out.toByteArray();
    }
  }
}
