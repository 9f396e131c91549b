package dev.coffer.server.core.lease;

import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.server.core.token.TokenLeases;
import dev.coffer.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Gives every token with a TTL a lease ({@code <creation path>/<token hmac>}, kind {@value
 * LeaseEntry#TOKEN_KIND}) in the token's own transaction, moves it when the token is renewed, and
 * when tokens are revoked makes the leases they created due at once.
 */
public final class TokenLeaseHooks implements TokenLeases {
  private final LeaseRevoker revoker;
  private final LeaseStore store;
  private final Clock clock;

  TokenLeaseHooks(LeaseRevoker revoker, LeaseStore store, Clock clock) {
    this.revoker = revoker;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void created(Storage tx, String idHash, TokenEntry entry) {
    if (entry.expireTime() != null) {
      store.create(tx, leaseOf(idHash, entry));
    }
  }

  @Override
  public void renewed(Storage tx, String idHash, TokenEntry entry) {
    if (entry.expireTime() == null) {
      return;
    }
    String id = LeaseIds.token(entry.path(), idHash);
    Instant now = clock.instant();
    if (store.replace(tx, id, e -> e.renewed(now, entry.expireTime())).isEmpty()) {
      store.create(tx, leaseOf(idHash, entry));
    }
  }

  @Override
  public void revoked(List<String> idHashes) {
    for (String h : idHashes) {
      revoker.tokenRevoked(h);
    }
  }

  private static LeaseEntry leaseOf(String idHash, TokenEntry entry) {
    Instant created = entry.creationTime();
    long ttl = Math.max(0, entry.expireTime().getEpochSecond() - created.getEpochSecond());
    long max = entry.explicitMaxTtl() > 0 ? entry.explicitMaxTtl() : ttl;
    return new LeaseEntry(
        LeaseIds.token(entry.path(), idHash),
        LeaseEntry.TOKEN_KIND,
        "",
        "",
        entry.path(),
        null,
        created,
        entry.expireTime(),
        entry.lastRenewal(),
        ttl,
        max,
        entry.renewable(),
        idHash,
        0,
        "",
        false,
        List.of());
  }
}
