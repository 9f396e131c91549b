package dev.coffer.server.core.token;

import dev.coffer.spi.Storage;
import java.util.List;

/**
 * What the token store tells the lease manager: a token with a TTL gets a lease (created and
 * renewed in the token's own storage transaction), and revoking tokens revokes the leases they
 * created.
 */
public interface TokenLeases {
  /** Tokens get no leases. */
  TokenLeases NONE =
      new TokenLeases() {
        @Override
        public void created(Storage tx, String idHash, TokenEntry entry) {}

        @Override
        public void renewed(Storage tx, String idHash, TokenEntry entry) {}

        @Override
        public void revoked(List<String> idHashes) {}
      };

  /** A token was stored (inside the storing transaction {@code tx}). */
  void created(Storage tx, String idHash, TokenEntry entry);

  /** A token's expiry moved (inside the renewing transaction {@code tx}). */
  void renewed(Storage tx, String idHash, TokenEntry entry);

  /** These tokens were revoked (after their transaction). */
  void revoked(List<String> idHashes);
}
