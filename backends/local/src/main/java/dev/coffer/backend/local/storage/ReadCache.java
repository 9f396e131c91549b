package dev.coffer.backend.local.storage;

import dev.coffer.backend.local.storage.EntryTable.Change;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored bytes of recently read keys, so that a hot key (a token, a secret's metadata and
 * version) is read from SQLite once instead of on every request. It holds exactly what the table
 * holds, which is barrier ciphertext: nothing in it is in clear.
 *
 * <p>Bounded in bytes and split into {@value #STRIPES} stripes, each a least-recently-used map
 * under its own lock. It also remembers keys known to be absent. It stays exact because the SQLite
 * file belongs to one server process: every write goes through {@link GroupCommit}, which hands
 * each committed change to {@link #written} before the writer returns, and forgets the keys of a
 * batch whose commit failed ({@link #forget}). A reader that missed fills the cache only if no
 * write reached its stripe between its {@link #stamp} (taken before it read SQLite) and its {@link
 * #fill}, so a value read before a commit can never overwrite the value that commit wrote.
 */
final class ReadCache {
  /** Number of independently locked stripes: {@code 1 << STRIPE_BITS}. */
  static final int STRIPE_BITS = 4;

  static final int STRIPES = 1 << STRIPE_BITS;

  /** Bytes counted for an entry besides its key and value (map node, record, array headers). */
  static final int ENTRY_OVERHEAD = 96;

  private static final byte[] ABSENT = new byte[0];

  private final Stripe[] stripes = new Stripe[STRIPES];
  private final long maxEntryBytes;

  /** A cache of at most {@code maxBytes} (counted as keys, values and a fixed overhead each). */
  ReadCache(long maxBytes) {
    long perStripe = Math.max(1, maxBytes / STRIPES);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe(perStripe);
    }
    // One value may take at most an eighth of its stripe, so a few large values cannot flush it.
    this.maxEntryBytes = perStripe / 8;
  }

  /**
   * What the cache knows of {@code key}: {@code null} if nothing, {@link Optional#empty()} if the
   * key is known to be absent, else a copy of its value.
   */
  Optional<byte[]> lookup(String key) {
    Stripe s = stripe(key);
    byte[] v;
    synchronized (s) {
      v = s.entries.get(key);
    }
    if (v == null) {
      return null;
    }
    return v == ABSENT ? Optional.empty() : Optional.of(v.clone());
  }

  /** To be taken before reading {@code key} from SQLite and handed to {@link #fill}. */
  long stamp(String key) {
    Stripe s = stripe(key);
    synchronized (s) {
      return s.writes;
    }
  }

  /** Caches what a read found, unless a write reached the key's stripe since {@code stamp}. */
  void fill(String key, Optional<byte[]> found, long stamp) {
    Stripe s = stripe(key);
    byte[] v = found.map(byte[]::clone).orElse(ABSENT);
    synchronized (s) {
      if (s.writes == stamp) {
        s.store(key, v, maxEntryBytes);
      }
    }
  }

  /**
   * Records committed changes, in commit order: a key the cache holds (or knows to be absent) takes
   * its new value, keeping the change's array (a {@link Change} owns its copy); other keys are not
   * added, so data that is written and seldom read (access history, lease rows) does not push out
   * what is read. Called before the writers of the changes return.
   */
  void written(List<Change> changes) {
    for (Change c : changes) {
      Stripe s = stripe(c.key());
      synchronized (s) {
        s.writes++;
        if (s.entries.containsKey(c.key())) {
          s.store(c.key(), c.value() == null ? ABSENT : c.value(), maxEntryBytes);
        }
      }
    }
  }

  /** Forgets the keys of changes whose commit may or may not have happened. */
  void forget(List<Change> changes) {
    for (Change c : changes) {
      Stripe s = stripe(c.key());
      synchronized (s) {
        s.writes++;
        s.remove(c.key());
      }
    }
  }

  /** Forgets everything (on close). */
  void clear() {
    for (Stripe s : stripes) {
      synchronized (s) {
        s.writes++;
        s.entries.clear();
        s.bytes = 0;
      }
    }
  }

  /** Bytes currently counted, over all stripes (for tests and metrics). */
  long bytes() {
    long total = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        total += s.bytes;
      }
    }
    return total;
  }

  private Stripe stripe(String key) {
    int h = key.hashCode();
    // High bits of a multiplicative hash: the maps inside a stripe index by the low bits.
    return stripes[(h * 0x9E3779B9) >>> (Integer.SIZE - STRIPE_BITS)];
  }

  private static long size(String key, byte[] value) {
    return ENTRY_OVERHEAD + 2L * key.length() + value.length;
  }

  /** One least-recently-used map and its counters; guarded by its own monitor. */
  private static final class Stripe {
    final Map<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    final long maxBytes;
    long bytes;
    long writes;

    Stripe(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    void store(String key, byte[] value, long maxEntryBytes) {
      remove(key);
      long size = size(key, value);
      if (size > maxEntryBytes) {
        return;
      }
      entries.put(key, value);
      bytes += size;
      Iterator<Map.Entry<String, byte[]>> oldest = entries.entrySet().iterator();
      while (bytes > maxBytes && oldest.hasNext()) {
        Map.Entry<String, byte[]> e = oldest.next();
        bytes -= size(e.getKey(), e.getValue());
        oldest.remove();
      }
    }

    void remove(String key) {
      byte[] old = entries.remove(key);
      if (old != null) {
        bytes -= size(key, old);
      }
    }
  }
}
