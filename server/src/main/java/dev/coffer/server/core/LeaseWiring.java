package dev.coffer.server.core;

import dev.coffer.server.core.audit.AuditBroker;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.lease.LeaseManager;
import dev.coffer.server.core.lease.LeaseOwners;
import dev.coffer.server.core.lease.LeaseSettings;
import dev.coffer.server.core.lease.RevokeReport;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.mount.Mounts;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.StorageBackend;
import java.time.Clock;
import java.util.Optional;

/**
 * Builds the core's {@link LeaseManager} and connects it: engines and the token store take leased
 * secrets back, tokens get leases, disabling a mount revokes its leases first, and irrevocable
 * leases and revocation warnings reach the audit log.
 */
final class LeaseWiring {
  private LeaseWiring() {}

  static LeaseManager wire(
      Barrier barrier,
      StorageBackend storage,
      Clock clock,
      LeaseSettings settings,
      Mounts mounts,
      TokenStore tokens,
      AuditBroker audit) {
    LeaseManager leases =
        new LeaseManager(
            barrier,
            storage,
            clock,
            settings,
            new LeaseOwners() {
              @Override
              public Optional<SecretsEngine> engine(String mountPath, String mountUuid) {
                return mounts.engineAt(mountPath, mountUuid);
              }

              @Override
              public void revokeToken(String tokenHash) {
                tokens.revokeByHash(tokenHash);
              }
            });
    leases.setEvents((kind, fields) -> audit.warning(kind, "", fields));
    tokens.setLeases(leases.tokenHooks());
    mounts.beforeDisable(mount -> revokeLeasesOf(leases, mount));
    return leases;
  }

  private static void revokeLeasesOf(LeaseManager leases, MountEntry mount) {
    RevokeReport report = leases.revokePrefix(mount.path(), true);
    if (!report.complete()) {
      throw CofferException.invalid(
          "failed to revoke "
              + report.failed().size()
              + " lease(s) of mount "
              + mount.path()
              + "; revoke-force them (sys/leases/revoke-force/"
              + mount.path()
              + ") before disabling it");
    }
  }
}
