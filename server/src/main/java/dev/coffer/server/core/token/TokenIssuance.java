package dev.coffer.server.core.token;

import dev.coffer.spi.CofferException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Stores new tokens: each past the {@link IssuanceGuard} (break-glass grant tokens excepted), with
 * its index rows and, in the same storage transaction, its lease. Also knows what a root token and
 * a plain orphan token are.
 */
final class TokenIssuance {
  private final TokenRows rows;
  private volatile IssuanceGuard guard = IssuanceGuard.NONE;

  TokenIssuance(TokenRows rows) {
    this.rows = rows;
  }

  /** Installs the check every new token but a grant token must pass. */
  void setGuard(IssuanceGuard guard) {
    this.guard = guard == null ? IssuanceGuard.NONE : guard;
  }

  /**
   * Stores a new token under {@code id} with its indexes, if the guard allows it.
   *
   * @throws CofferException 400 if a token with this id exists, or the {@link IssuanceGuard}
   *     refuses it
   */
  void guarded(String id, TokenEntry entry, TokenLeases leases) {
    guard.check(entry);
    unguarded(id, entry, leases);
  }

  /**
   * Stores a new token under {@code id} with its indexes, without asking the guard.
   *
   * @throws CofferException 400 if a token with this id exists or the id is malformed
   */
  void unguarded(String id, TokenEntry entry, TokenLeases leases) {
    checkId(id);
    String h = rows.hash(id);
    rows.storage()
        .transaction(
            tx -> {
              rows.insert(tx, h, entry);
              leases.created(tx, h, entry);
              return null;
            });
  }

  /** A root token created at {@code now}: policy {@code root}, no TTL, orphan. */
  static TokenEntry root(Instant now) {
    return new TokenEntry(
        TokenIds.newAccessor(),
        List.of("root"),
        Map.of(),
        "root",
        0,
        now,
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
  }

  /** An orphan service token created at {@code now}, with these policies, no TTL and no entity. */
  static TokenEntry orphan(List<String> policies, String displayName, Instant now) {
    return new TokenEntry(
        TokenIds.newAccessor(),
        policies,
        Map.of(),
        displayName,
        0,
        now,
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
        null);
  }

  /**
   * Checks a token id a caller chose.
   *
   * @throws CofferException 400 if it is blank or holds whitespace or control characters
   */
  static void checkId(String id) {
    if (id == null || id.isBlank() || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw CofferException.invalid("a token id must be printable ASCII without spaces");
    }
  }
}
