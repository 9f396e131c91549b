package dev.coffer.server.core.token;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.Cidrs;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps tokens inside the barrier, keyed only by HMAC-SHA256 of the id under the keyring's HMAC
 * key. Storage keys:
 *
 * <ul>
 *   <li>{@code sys/token/id/<hmac(id)>}: the {@link TokenEntry};
 *   <li>{@code sys/token/accessor/<hmac(accessor)>}: {@code {"id_hmac": ...}};
 *   <li>{@code sys/token/parent/<hmac(parent id)>/<hmac(child id)>}: one row per child, so a
 *       parent's subtree is revoked without scanning every token.
 * </ul>
 *
 * <p>A token works while it exists, has not expired, still has uses left, and every ancestor does
 * too: an expired token stops working at once, before any tidy removes it. Authenticating an orphan
 * costs one HMAC and one storage read (plus one read per ancestor for child tokens, and a
 * transaction for use-limited tokens).
 */
public final class TokenStore {
  static final String ID_PREFIX = "sys/token/id/";
  static final String ACCESSOR_PREFIX = "sys/token/accessor/";
  static final String PARENT_PREFIX = "sys/token/parent/";
  private static final int MAX_DEPTH = 256;

  private final Barrier barrier;
  private final Storage storage;
  private final Clock clock;
  private final ParsedTokenEntries parsed = new ParsedTokenEntries();
  private volatile IssuanceGuard guard = IssuanceGuard.NONE;
  private volatile TokenLeases leases = TokenLeases.NONE;

  /** Forgets the parsed entries it keeps (before seal). */
  public void clear() {
    parsed.clear();
  }

  /** A store inside {@code barrier}. */
  public TokenStore(Barrier barrier, Clock clock) {
    this.barrier = barrier;
    this.storage = barrier.root();
    this.clock = clock;
  }

  /** Tells {@code hooks} when tokens are created, renewed and revoked (the lease manager). */
  public void setLeases(TokenLeases hooks) {
    this.leases = hooks == null ? TokenLeases.NONE : hooks;
  }

  /** The HMAC of a token id, which names the token in storage and in lease indexes. */
  public String idHash(String id) {
    return hash(id);
  }

  /** Revokes the token with this id HMAC and its subtree (a token lease expired). */
  public void revokeByHash(String idHash) {
    if (idHash != null && !idHash.isEmpty() && read(storage, idHash).isPresent()) {
      revokeTree(idHash);
    }
  }

  /** A token and the HMAC of its id, which names it in storage. */
  record Stored(String idHash, TokenEntry entry) {}

  /** Creates a root token with a generated id and returns the id. */
  public String createRoot() {
    String id = TokenIds.newTokenId();
    createRoot(id);
    return id;
  }

  /**
   * Creates a root token with exactly this id: policy {@code root}, no TTL, orphan. If a root token
   * with this id exists already (a dev server restarted on its data) it is kept.
   *
   * @throws CofferException if the id is blank or contains whitespace or control characters
   */
  public void createRoot(String id) {
    checkId(id);
    Optional<TokenEntry> existing = read(storage, hash(id));
    if (existing.isPresent()) {
      if (existing.get().policies().contains(TokenPolicies.ROOT)
          && existing.get().expireTime() == null) {
        return;
      }
      revokeTree(hash(id));
    }
    TokenEntry entry =
        new TokenEntry(
            TokenIds.newAccessor(),
            List.of("root"),
            Map.of(),
            "root",
            0,
            clock.instant(),
            0,
            null,
            0,
            0,
            false,
            "",
            "auth/token/root",
            "",
            "",
            List.of(),
            null);
    create(id, entry);
  }

  /**
   * Creates an orphan service token with these policies, no TTL and no entity, and returns its id
   * (for {@link dev.coffer.server.core.Core#createToken}).
   */
  public String create(List<String> policies, String displayName) {
    String id = TokenIds.newTokenId();
    create(
        id,
        new TokenEntry(
            TokenIds.newAccessor(),
            policies,
            Map.of(),
            displayName,
            0,
            clock.instant(),
            0,
            null,
            0,
            0,
            false,
            "",
            "auth/token/create",
            "",
            "",
            List.of(),
            null));
    return id;
  }

  /**
   * Stores a new token with a generated id and these properties, and returns the id (used for
   * response-wrapping tokens).
   */
  public String issue(TokenEntry entry) {
    String id = TokenIds.newTokenId();
    create(id, entry);
    return id;
  }

  /** Installs the check every new token must pass (see {@link IssuanceGuard}). */
  public void setIssuanceGuard(IssuanceGuard guard) {
    this.guard = guard == null ? IssuanceGuard.NONE : guard;
  }

  /**
   * Stores a new token past the {@link IssuanceGuard} and returns its id: only for break-glass
   * grant tokens, which carry what the guard refuses everywhere else.
   */
  public String issueUnguarded(TokenEntry entry) {
    String id = TokenIds.newTokenId();
    store(id, entry);
    return id;
  }

  /**
   * Records that the holder of the token with this accessor passed an MFA check at {@code when}
   * (step-up, MFA login); nothing happens if there is no such token.
   */
  public void recordMfa(String accessor, Instant when) {
    byAccessor(accessor)
        .ifPresent(
            s ->
                storage.transaction(
                    tx -> {
                      read(tx, s.idHash())
                          .ifPresent(e -> write(tx, s.idHash(), e.withLastMfaTime(when)));
                      return null;
                    }));
  }

  /** Revokes the token with this accessor and its subtree; nothing happens if there is none. */
  public void revokeByAccessor(String accessor) {
    byAccessor(accessor).ifPresent(s -> revokeTree(s.idHash()));
  }

  /** Revokes the token with this id and its subtree; nothing happens if there is none. */
  public void revoke(String id) {
    if (plausible(id)) {
      String h = hash(id);
      if (read(storage, h).isPresent()) {
        revokeTree(h);
      }
    }
  }

  /** The entry of the token with this accessor, if it exists. */
  public Optional<TokenEntry> lookupByAccessor(String accessor) {
    return byAccessor(accessor).map(Stored::entry).filter(e -> alive(e, clock.instant()));
  }

  /**
   * The entry of a valid token, for a request that presents it. A use-limited token loses one use;
   * its last use marks it {@link TokenEntry#EXHAUSTED}, and {@link #finishUse} revokes it once the
   * request is served.
   *
   * @throws CofferException 403 "permission denied" for a missing, unknown, revoked or expired
   *     token
   */
  public TokenEntry authenticate(String id) {
    return authenticate(id, null);
  }

  /**
   * As {@link #authenticate(String)}, for a request from {@code remoteAddress}: a token bound to
   * networks ({@code bound_cidrs}) works only from inside them, and a refused use costs no use.
   *
   * @param remoteAddress the client's IP address, or {@code null} when not a client request
   */
  public TokenEntry authenticate(String id, String remoteAddress) {
    if (!plausible(id)) {
      throw denied();
    }
    String h = hash(id);
    Instant now = clock.instant();
    TokenEntry entry = live(h, now).orElseThrow(TokenStore::denied);
    if (remoteAddress != null && !Cidrs.allows(entry.boundCidrs(), remoteAddress)) {
      throw denied();
    }
    if (entry.numUses() == 0) {
      return entry;
    }
    return storage.transaction(
        tx -> {
          TokenEntry current =
              read(tx, h).filter(e -> !e.deadAt(now)).orElseThrow(TokenStore::denied);
          long left = current.numUses() - 1;
          TokenEntry used = current.withNumUses(left <= 0 ? TokenEntry.EXHAUSTED : left);
          write(tx, h, used);
          return used;
        });
  }

  /** Revokes the token (and its subtree) if the request just served was its last use. */
  public void finishUse(TokenEntry token) {
    if (token != null && token.numUses() == TokenEntry.EXHAUSTED) {
      byAccessor(token.accessor()).ifPresent(s -> revokeTree(s.idHash()));
    }
  }

  /** The entry of the working token with this id, if any; uses no use. */
  public Optional<TokenEntry> lookup(String id) {
    return plausible(id) ? live(hash(id), clock.instant()) : Optional.empty();
  }

  /** The working token with this id and its hash, if any. */
  Optional<Stored> find(String id) {
    if (!plausible(id)) {
      return Optional.empty();
    }
    String h = hash(id);
    return live(h, clock.instant()).map(e -> new Stored(h, e));
  }

  /** The working token with this accessor and its hash, if any. */
  Optional<Stored> findByAccessor(String accessor) {
    Instant now = clock.instant();
    return byAccessor(accessor).filter(s -> alive(s.entry(), now));
  }

  /**
   * Stores a new token under {@code id} with its indexes.
   *
   * @throws CofferException 400 if a token with this id exists, or the {@link IssuanceGuard}
   *     refuses it
   */
  void create(String id, TokenEntry entry) {
    guard.check(entry);
    store(id, entry);
  }

  private void store(String id, TokenEntry entry) {
    checkId(id);
    String h = hash(id);
    storage.transaction(
        tx -> {
          if (tx.get(ID_PREFIX + h).isPresent()) {
            throw CofferException.invalid("cannot create a token with a duplicate ID");
          }
          write(tx, h, entry);
          tx.put(ACCESSOR_PREFIX + hash(entry.accessor()), Json.write(Map.of("id_hmac", h)));
          if (!entry.orphan()) {
            tx.put(PARENT_PREFIX + entry.parentHash() + "/" + h, Json.write(Map.of()));
          }
          leases.created(tx, h, entry);
          return null;
        });
  }

  /** Sets a new expiry on the stored token, if it still exists; returns the renewed entry. */
  Optional<TokenEntry> renew(String idHash, Instant now, Instant newExpiry) {
    return storage.transaction(
        tx -> {
          Optional<TokenEntry> renewed = read(tx, idHash).map(e -> e.renewed(now, newExpiry));
          renewed.ifPresent(e -> write(tx, idHash, e));
          renewed.ifPresent(e -> leases.renewed(tx, idHash, e));
          return renewed;
        });
  }

  /** The stored token with this accessor and its hash, dead or alive, if any. */
  Optional<Stored> storedByAccessor(String accessor) {
    return byAccessor(accessor);
  }

  /** Revokes the token with this hash and every descendant. */
  void revokeTree(String idHash) {
    List<String> revoked =
        storage.transaction(
            tx -> {
              List<String[]> rows = new ArrayList<>();
              List<String> doomed = new ArrayList<>();
              Deque<String> todo = new ArrayDeque<>(List.of(idHash));
              while (!todo.isEmpty()) {
                String h = todo.pop();
                doomed.add(h);
                for (String child : tx.list(PARENT_PREFIX + h + "/")) {
                  rows.add(new String[] {h, child});
                  todo.push(child);
                }
              }
              for (String[] row : rows) {
                tx.delete(PARENT_PREFIX + row[0] + "/" + row[1]);
              }
              for (String h : doomed) {
                deleteOne(tx, h);
              }
              return doomed;
            });
    leases.revoked(revoked);
  }

  /** Revokes only the token with this hash; its children become orphans. */
  void revokeOrphan(String idHash) {
    storage.transaction(
        tx -> {
          for (String child : tx.list(PARENT_PREFIX + idHash + "/")) {
            read(tx, child).ifPresent(e -> write(tx, child, e.orphaned()));
            tx.delete(PARENT_PREFIX + idHash + "/" + child);
          }
          deleteOne(tx, idHash);
          return null;
        });
    leases.revoked(List.of(idHash));
  }

  /** The stored entry at this hash, dead or alive. */
  Optional<TokenEntry> stored(String idHash) {
    return read(storage, idHash);
  }

  /** Whether the entry and all its ancestors work at {@code now}. */
  boolean alive(TokenEntry entry, Instant now) {
    TokenEntry e = entry;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      if (e.deadAt(now)) {
        return false;
      }
      if (e.orphan()) {
        return true;
      }
      Optional<TokenEntry> parent = read(storage, e.parentHash());
      if (parent.isEmpty()) {
        return false;
      }
      e = parent.get();
    }
    return false;
  }

  /** The raw storage, for tidy. */
  Storage storage() {
    return storage;
  }

  /** The clock every expiry is measured against. */
  Clock clock() {
    return clock;
  }

  /** HMAC-SHA256 of {@code value} in hex, under the keyring's HMAC key. */
  String hash(String value) {
    return HexFormat.of().formatHex(barrier.hmac(value.getBytes(StandardCharsets.UTF_8)));
  }

  private Optional<TokenEntry> live(String idHash, Instant now) {
    return read(storage, idHash).filter(e -> alive(e, now));
  }

  private Optional<Stored> byAccessor(String accessor) {
    if (!plausible(accessor)) {
      return Optional.empty();
    }
    return storage
        .get(ACCESSOR_PREFIX + hash(accessor))
        .map(b -> (String) Json.read(b).get("id_hmac"))
        .flatMap(h -> read(storage, h).map(e -> new Stored(h, e)));
  }

  private void deleteOne(Storage tx, String idHash) {
    Optional<TokenEntry> entry = read(tx, idHash);
    if (entry.isPresent()) {
      tx.delete(ACCESSOR_PREFIX + hash(entry.get().accessor()));
      if (!entry.get().orphan()) {
        tx.delete(PARENT_PREFIX + entry.get().parentHash() + "/" + idHash);
      }
    }
    tx.delete(ID_PREFIX + idHash);
  }

  private Optional<TokenEntry> read(Storage s, String idHash) {
    return s.get(ID_PREFIX + idHash).map(b -> parsed.parse(idHash, b));
  }

  private static void write(Storage s, String idHash, TokenEntry entry) {
    s.put(ID_PREFIX + idHash, Json.write(entry.toJson()));
  }

  private static boolean plausible(String value) {
    return value != null && !value.isEmpty() && value.length() <= 512;
  }

  private static void checkId(String id) {
    if (id == null || id.isBlank() || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw CofferException.invalid("a token id must be printable ASCII without spaces");
    }
  }

  static CofferException denied() {
    return new CofferException(ErrorCode.PERMISSION_DENIED, "permission denied");
  }
}
