package dev.coffer.server.core.killswitch;

import dev.coffer.server.core.audit.AuditBroker;
import dev.coffer.server.core.lease.LeaseManager;
import dev.coffer.server.core.lease.RevokeReport;
import dev.coffer.server.core.mount.Mounts;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.server.core.token.TokenSweep;
import dev.coffer.spi.PathSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The killswitch over the core's lease manager, token store and mounts: fired by {@code
 * sys/killswitch} or the heartbeat. A request cannot seal while it runs (sealing needs the lock the
 * request holds), so a request that asks for {@code seal} leaves a seal request the core takes with
 * {@link #takeSealRequest()} once the request is done.
 */
public final class KillswitchService {
  private final Killswitch killswitch;
  private final AtomicBoolean sealRequested = new AtomicBoolean();

  public KillswitchService(
      LeaseManager leases, TokenStore tokens, Mounts mounts, AuditBroker audit) {
    TokenSweep sweep = new TokenSweep(tokens);
    this.killswitch =
        new Killswitch(
            () -> outcome(leases.revokeAllSecrets()),
            sweep::revokeAllButRoot,
            mounts::rotateAll,
            audit);
  }

  private static Killswitch.Outcome outcome(RevokeReport report) {
    Map<String, String> failed = new LinkedHashMap<>();
    for (String id : report.failed()) {
      failed.put(id, "revocation failed; the lease is retried or kept on the irrevocable list");
    }
    return new Killswitch.Outcome(report.revoked(), failed);
  }

  /** The {@code sys/killswitch} path; a {@code seal} asked for there is left for the core. */
  public List<PathSpec> paths() {
    return new KillswitchPaths(
            (rotate, seal, accessor) -> {
              KillswitchReport report = killswitch.fire(rotate, seal, "api", accessor);
              if (seal) {
                sealRequested.set(true);
              }
              return report;
            })
        .paths();
  }

  /** Fires from outside a request (the heartbeat); the caller seals afterwards if asked. */
  public KillswitchReport fire(boolean rotate, boolean seal, String trigger) {
    return killswitch.fire(rotate, seal, trigger, "");
  }

  /** Whether a request asked to seal; clears the request. */
  public boolean takeSealRequest() {
    return sealRequested.getAndSet(false);
  }
}
