package dev.coffer.server.core.token;

import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.Cidrs;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps tokens inside the barrier, keyed only by HMAC-SHA256 of the id under the keyring's HMAC key
 * (the layout is {@link TokenRows}). The front door the server calls: new tokens go through {@link
 * TokenIssuance}, revocations through {@link TokenRevocation}, MFA times through {@link MfaStamps},
 * and the lease manager hears of creations, renewals and revocations.
 *
 * <p>A token works while it exists, has not expired, still has uses left, and every ancestor does
 * too: an expired token stops working at once, before any tidy removes it. Authenticating an orphan
 * costs one HMAC and one storage read (plus one read per ancestor for child tokens, and a
 * transaction for use-limited tokens).
 */
public final class TokenStore {
  private static final int MAX_DEPTH = 256;

  private final Storage storage;
  private final Clock clock;
  private final TokenRows rows;
  private final TokenIssuance issuance;
  private final TokenRevocation revocation;
  private final MfaStamps mfaStamps;
  private volatile TokenLeases leases = TokenLeases.NONE;

  /** Forgets the parsed entries it keeps (before seal). */
  public void clear() {
    rows.clear();
  }

  /** A store inside {@code barrier}. */
  public TokenStore(Barrier barrier, Clock clock) {
    this.rows = new TokenRows(barrier);
    this.storage = rows.storage();
    this.clock = clock;
    this.issuance = new TokenIssuance(rows);
    this.revocation = new TokenRevocation(rows);
    this.mfaStamps = new MfaStamps(rows);
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
    if (idHash != null && !idHash.isEmpty() && rows.read(storage, idHash).isPresent()) {
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
    TokenIssuance.checkId(id);
    Optional<TokenEntry> existing = rows.read(storage, hash(id));
    if (existing.isPresent()) {
      if (existing.get().policies().contains(TokenPolicies.ROOT)
          && existing.get().expireTime() == null) {
        return;
      }
      revokeTree(hash(id));
    }
    create(id, TokenIssuance.root(clock.instant()));
  }

  /**
   * Creates an orphan service token with these policies, no TTL and no entity, and returns its id
   * (for {@link dev.coffer.server.core.Core#createToken}).
   */
  public String create(List<String> policies, String displayName) {
    String id = TokenIds.newTokenId();
    create(id, TokenIssuance.orphan(policies, displayName, clock.instant()));
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
    issuance.setGuard(guard);
  }

  /**
   * Stores a new token past the {@link IssuanceGuard} and returns its id: only for break-glass
   * grant tokens, which carry what the guard refuses everywhere else.
   */
  public String issueUnguarded(TokenEntry entry) {
    String id = TokenIds.newTokenId();
    issuance.unguarded(id, entry, leases);
    return id;
  }

  /**
   * Records that the holder of the token with this accessor passed an MFA check at {@code when}
   * (step-up, MFA login); nothing happens if there is no such token.
   */
  public void recordMfa(String accessor, Instant when) {
    mfaStamps.record(accessor, when);
  }

  /** Revokes the token with this accessor and its subtree; nothing happens if there is none. */
  public void revokeByAccessor(String accessor) {
    rows.byAccessor(accessor).ifPresent(s -> revokeTree(s.idHash()));
  }

  /** Revokes the token with this id and its subtree; nothing happens if there is none. */
  public void revoke(String id) {
    if (TokenRows.plausible(id)) {
      String h = hash(id);
      if (rows.read(storage, h).isPresent()) {
        revokeTree(h);
      }
    }
  }

  /** The entry of the token with this accessor, if it exists. */
  public Optional<TokenEntry> lookupByAccessor(String accessor) {
    return rows.byAccessor(accessor).map(Stored::entry).filter(e -> alive(e, clock.instant()));
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
    if (!TokenRows.plausible(id)) {
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
              rows.read(tx, h).filter(e -> !e.deadAt(now)).orElseThrow(TokenStore::denied);
          long left = current.numUses() - 1;
          TokenEntry used = current.withNumUses(left <= 0 ? TokenEntry.EXHAUSTED : left);
          TokenRows.write(tx, h, used);
          return used;
        });
  }

  /** Revokes the token (and its subtree) if the request just served was its last use. */
  public void finishUse(TokenEntry token) {
    if (token != null && token.numUses() == TokenEntry.EXHAUSTED) {
      rows.byAccessor(token.accessor()).ifPresent(s -> revokeTree(s.idHash()));
    }
  }

  /** The entry of the working token with this id, if any; uses no use. */
  public Optional<TokenEntry> lookup(String id) {
    return TokenRows.plausible(id) ? live(hash(id), clock.instant()) : Optional.empty();
  }

  /** The working token with this id and its hash, if any. */
  Optional<Stored> find(String id) {
    if (!TokenRows.plausible(id)) {
      return Optional.empty();
    }
    String h = hash(id);
    return live(h, clock.instant()).map(e -> new Stored(h, e));
  }

  /** The working token with this accessor and its hash, if any. */
  Optional<Stored> findByAccessor(String accessor) {
    Instant now = clock.instant();
    return rows.byAccessor(accessor).filter(s -> alive(s.entry(), now));
  }

  /**
   * Stores a new token under {@code id} with its indexes.
   *
   * @throws CofferException 400 if a token with this id exists, or the {@link IssuanceGuard}
   *     refuses it
   */
  void create(String id, TokenEntry entry) {
    issuance.guarded(id, entry, leases);
  }

  /** Sets a new expiry on the stored token, if it still exists; returns the renewed entry. */
  Optional<TokenEntry> renew(String idHash, Instant now, Instant newExpiry) {
    return storage.transaction(
        tx -> {
          Optional<TokenEntry> renewed = rows.read(tx, idHash).map(e -> e.renewed(now, newExpiry));
          renewed.ifPresent(e -> TokenRows.write(tx, idHash, e));
          renewed.ifPresent(e -> leases.renewed(tx, idHash, e));
          return renewed;
        });
  }

  /** The stored token with this accessor and its hash, dead or alive, if any. */
  Optional<Stored> storedByAccessor(String accessor) {
    return rows.byAccessor(accessor);
  }

  /** Revokes the token with this hash and every descendant. */
  void revokeTree(String idHash) {
    leases.revoked(revocation.withSubtree(idHash));
  }

  /** Revokes only the token with this hash; its children become orphans. */
  void revokeOrphan(String idHash) {
    revocation.alone(idHash);
    leases.revoked(List.of(idHash));
  }

  /** The stored entry at this hash, dead or alive. */
  Optional<TokenEntry> stored(String idHash) {
    return rows.read(storage, idHash);
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
      Optional<TokenEntry> parent = rows.read(storage, e.parentHash());
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
    return rows.hash(value);
  }

  private Optional<TokenEntry> live(String idHash, Instant now) {
    return rows.read(storage, idHash).filter(e -> alive(e, now));
  }

  static CofferException denied() {
    return new CofferException(ErrorCode.PERMISSION_DENIED, "permission denied");
  }
}
