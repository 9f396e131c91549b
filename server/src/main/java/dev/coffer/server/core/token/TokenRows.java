package dev.coffer.server.core.token;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How tokens are laid out in storage, keyed only by HMAC-SHA256 of the id under the keyring's HMAC
 * key:
 *
 * <ul>
 *   <li>{@code sys/token/id/<hmac(id)>}: the {@link TokenEntry};
 *   <li>{@code sys/token/accessor/<hmac(accessor)>}: {@code {"id_hmac": ...}};
 *   <li>{@code sys/token/parent/<hmac(parent id)>/<hmac(child id)>}: one row per child, so a
 *       parent's subtree is revoked without scanning every token.
 * </ul>
 *
 * <p>Entries are read through {@link ParsedTokenEntries}, so an unchanged entry is parsed once.
 */
final class TokenRows {
  static final String ID_PREFIX = "sys/token/id/";
  static final String ACCESSOR_PREFIX = "sys/token/accessor/";
  static final String PARENT_PREFIX = "sys/token/parent/";

  private final Barrier barrier;
  private final Storage storage;
  private final ParsedTokenEntries parsed = new ParsedTokenEntries();

  TokenRows(Barrier barrier) {
    this.barrier = barrier;
    this.storage = barrier.root();
  }

  /** The raw storage inside the barrier. */
  Storage storage() {
    return storage;
  }

  /** Forgets the parsed entries it keeps (before seal). */
  void clear() {
    parsed.clear();
  }

  /** HMAC-SHA256 of {@code value} in hex, under the keyring's HMAC key. */
  String hash(String value) {
    return HexFormat.of().formatHex(barrier.hmac(value.getBytes(StandardCharsets.UTF_8)));
  }

  /** The entry stored in {@code s} under this id hash, dead or alive. */
  Optional<TokenEntry> read(Storage s, String idHash) {
    return s.get(ID_PREFIX + idHash).map(b -> parsed.parse(idHash, b));
  }

  /** Replaces the entry stored in {@code s} under this id hash. */
  static void write(Storage s, String idHash, TokenEntry entry) {
    s.put(ID_PREFIX + idHash, Json.write(entry.toJson()));
  }

  /** The stored token with this accessor and its hash, dead or alive, if any. */
  Optional<TokenStore.Stored> byAccessor(String accessor) {
    if (!plausible(accessor)) {
      return Optional.empty();
    }
    return storage
        .get(ACCESSOR_PREFIX + hash(accessor))
        .map(b -> (String) Json.read(b).get("id_hmac"))
        .flatMap(h -> read(storage, h).map(e -> new TokenStore.Stored(h, e)));
  }

  /**
   * Whether {@code value} may name a token (an id or accessor): present and not too long to hash.
   */
  static boolean plausible(String value) {
    return value != null && !value.isEmpty() && value.length() <= 512;
  }

  /** The id hashes of the direct children of the token with this hash. */
  static List<String> children(Storage s, String idHash) {
    return s.list(PARENT_PREFIX + idHash + "/");
  }

  /**
   * Writes a new token's entry, accessor row and (for a child) parent row inside {@code tx}.
   *
   * @throws CofferException 400 if a token with this id hash exists
   */
  void insert(Storage tx, String idHash, TokenEntry entry) {
    if (tx.get(ID_PREFIX + idHash).isPresent()) {
      throw CofferException.invalid("cannot create a token with a duplicate ID");
    }
    write(tx, idHash, entry);
    tx.put(ACCESSOR_PREFIX + hash(entry.accessor()), Json.write(Map.of("id_hmac", idHash)));
    if (!entry.orphan()) {
      tx.put(PARENT_PREFIX + entry.parentHash() + "/" + idHash, Json.write(Map.of()));
    }
  }

  /** Deletes the token with this hash and its accessor and parent rows inside {@code tx}. */
  void delete(Storage tx, String idHash) {
    Optional<TokenEntry> entry = read(tx, idHash);
    if (entry.isPresent()) {
      tx.delete(ACCESSOR_PREFIX + hash(entry.get().accessor()));
      if (!entry.get().orphan()) {
        tx.delete(PARENT_PREFIX + entry.get().parentHash() + "/" + idHash);
      }
    }
    tx.delete(ID_PREFIX + idHash);
  }

  /** Deletes the row that names {@code child} a child of {@code parent} inside {@code tx}. */
  static void deleteChildRow(Storage tx, String parent, String child) {
    tx.delete(PARENT_PREFIX + parent + "/" + child);
  }
}
