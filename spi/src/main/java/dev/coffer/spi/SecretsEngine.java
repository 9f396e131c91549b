package dev.coffer.spi;

import java.time.Instant;
import java.util.List;

/**
 * A mounted engine: a short table of {@link PathSpec}s. The server routes each request under the
 * mount to the most specific matching path and calls its handler.
 *
 * <p>An engine that hands out secrets with a {@link SecretLease} also takes them back: the server
 * calls {@link #revokeLease} when a lease is revoked or expires and {@link #renewLease} when a
 * client renews one. An engine that manages rotating secrets reports them through {@link
 * #rotateAll} (the killswitch) and can do scheduled work in {@link #periodic}.
 */
public interface SecretsEngine extends AutoCloseable {

  /** The paths this engine serves, relative to its mount. */
  List<PathSpec> paths();

  /**
   * Takes back the secret of a lease that is revoked or has expired (drops the database user,
   * rotates the read secret). A secret that is already gone counts as revoked: return a warning
   * saying so rather than failing. Throwing makes the server retry with backoff and, when retries
   * run out, put the lease on the irrevocable list.
   *
   * @return warnings for the operator (e.g. "user was already gone"); never secret values
   */
  default List<String> revokeLease(IssuedLease lease) {
    return List.of();
  }

  /**
   * Extends a renewable lease to {@code newExpireTime} (already capped by the server at the lease's
   * maximum TTL), e.g. by moving a database user's {@code VALID UNTIL}. The default accepts, for
   * secrets whose lifetime only the server tracks.
   *
   * @throws CofferException to refuse the renewal
   */
  default void renewLease(IssuedLease lease, Instant newExpireTime) {}

  /**
   * Rotates every secret this engine manages a rotator for, now (the killswitch's {@code rotate}).
   * The default manages none.
   */
  default List<Rotation> rotateAll() {
    return List.of();
  }

  /**
   * Scheduled work (rotation periods, tidying), called by the server every few seconds while the
   * mount is enabled and the server unsealed, never concurrently with itself for one mount. Decide
   * what is due from {@code now}, not from how often this is called.
   */
  default void periodic(Instant now) {}

  /** Called when the mount is disabled or the server stops; release pools and threads here. */
  @Override
  default void close() {}
}
