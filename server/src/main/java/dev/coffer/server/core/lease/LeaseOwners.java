package dev.coffer.server.core.lease;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.SecretsEngine;
import java.util.Optional;

/** Who takes a lease's secret back: the engine that issued it, or the token store for a token. */
public interface LeaseOwners {

  /** The running engine mounted at {@code mountPath} with this uuid, if any. */
  Optional<SecretsEngine> engine(String mountPath, String mountUuid);

  /**
   * The running engine that issued {@code lease}.
   *
   * @throws CofferException 400 if no engine is mounted there any more
   */
  default SecretsEngine engineOf(LeaseEntry lease) {
    return engine(lease.mountPath(), lease.mountUuid())
        .orElseThrow(
            () -> CofferException.invalid("no secrets engine is mounted at " + lease.mountPath()));
  }

  /** Revokes the token with this id HMAC and its subtree. */
  void revokeToken(String tokenHash);
}
