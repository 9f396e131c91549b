package dev.coffer.server.core.lease;

import dev.coffer.spi.SecretsEngine;
import java.util.Optional;

/** Who takes a lease's secret back: the engine that issued it, or the token store for a token. */
public interface LeaseOwners {

  /** The running engine mounted at {@code mountPath} with this uuid, if any. */
  Optional<SecretsEngine> engine(String mountPath, String mountUuid);

  /** Revokes the token with this id HMAC and its subtree. */
  void revokeToken(String tokenHash);
}
