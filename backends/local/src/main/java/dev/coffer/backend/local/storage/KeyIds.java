package dev.coffer.backend.local.storage;

import dev.coffer.backend.local.Sha256;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where a key's row lives in {@code coffer_entries}: the table's integer primary key is derived
 * from the key, so reading a key is one lookup in the table's own B-tree instead of a lookup in a
 * key index followed by one in the table.
 *
 * <p>The first 60 bits of the key's SHA-256 pick a range of {@link #SLOTS} ids; the key's row takes
 * the first free id of its range. Two keys share a range only if their hashes agree on 60 bits (at
 * a million keys, about one chance in two million that any pair does), and a range holds up to
 * {@link #SLOTS} such keys. SHA-256 rather than a faster hash because keys can be chosen by
 * clients: filling a range on purpose would take a multi-collision of SHA-256 on 60 bits.
 */
final class KeyIds {
  /** Ids per range: how many keys whose hashes agree on 60 bits can be stored. */
  static final int SLOTS = 8;

  private KeyIds() {}

  /** The first id of {@code key}'s range, a multiple of {@link #SLOTS} in {@code [0, 2^63)}. */
  static long first(String key) {
    byte[] d = Sha256.of(key);
    long h = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return (h >>> 4) * SLOTS;
  }

  /** The last id of the range starting at {@code first}. */
  static long last(long first) {
    return first + SLOTS - 1;
  }

  /**
   * The lowest id of the range starting at {@code first} that is not taken.
   *
   * @param takenIds a statement answering the taken ids between its two parameters, in order
   * @throws SQLException if all {@link #SLOTS} ids are taken
   */
  static long firstFree(PreparedStatement takenIds, long first) throws SQLException {
    takenIds.setLong(1, first);
    takenIds.setLong(2, last(first));
    long next = first;
    try (ResultSet rs = takenIds.executeQuery()) {
      while (rs.next() && rs.getLong(1) == next) {
        next++;
      }
    }
    if (next > last(first)) {
      throw new SQLException(
          "all " + SLOTS + " ids of a key's hash range are taken; the key cannot be stored");
    }
    return next;
  }
}
