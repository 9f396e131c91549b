package dev.coffer.server.core.sys;

import dev.coffer.server.core.audit.AuditBroker;
import dev.coffer.server.core.authz.PolicyAccessControl;
import dev.coffer.server.core.authz.TokenLookup;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.lease.LeaseManager;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.mount.Mounts;
import dev.coffer.server.core.policy.store.PasswordPolicyStore;
import dev.coffer.server.core.policy.store.PolicyStore;
import dev.coffer.server.core.quota.QuotaGuard;
import dev.coffer.server.core.wrapping.ResponseWrapping;
import dev.coffer.server.core.wrapping.WrappingPaths;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.SecretsEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code sys/} mount: a table of paths gathered from one small class per group. The paths
 * answered outside Vault's envelope (init, unseal, seal, health...) are in {@link RawEndpoints}.
 */
public final class SystemBackend implements SecretsEngine {
  private final List<PathSpec> paths = new ArrayList<>();

  private SystemBackend() {}

  /** The mount table row shown for {@code sys/}. */
  public static MountEntry entry() {
    return new MountEntry(
        "sys/",
        "system",
        "system endpoints used for control, policy and debugging",
        UUID.randomUUID().toString(),
        "system_" + HexFormat.of().formatHex(dev.coffer.server.core.barrier.AesGcm.randomBytes(4)),
        Map.of(),
        0,
        0,
        false,
        true);
  }

  /** What the system paths work on. */
  public record Services(
      Mounts mounts,
      MountEntry self,
      Barrier barrier,
      Clock clock,
      PolicyStore policies,
      PolicyAccessControl access,
      TokenLookup tokens,
      AuditBroker audit,
      QuotaGuard quotas,
      ResponseWrapping wrapping,
      PasswordPolicyStore passwordPolicies,
      LeaseManager leases) {}

  /** The system backend over these services. */
  public static SystemBackend create(Services s) {
    return create(s, List.of());
  }

  /** The system backend over these services, with more paths (e.g. {@code mfa/validate}). */
  public static SystemBackend create(Services s, List<PathSpec> more) {
    SystemBackend b = new SystemBackend();
    b.paths.addAll(more);
    b.paths.addAll(new MountPaths(s.mounts(), s.self()).paths());
    b.paths.addAll(new UiMountPaths(s.mounts(), s.self()).paths());
    b.paths.addAll(new KeyPaths(s.barrier(), s.clock()).paths());
    b.paths.addAll(new PolicyPaths(s.policies()).paths());
    b.paths.addAll(new PasswordPolicyPaths(s.passwordPolicies()).paths());
    b.paths.addAll(new CapabilityPaths(s.tokens(), s.access()).paths());
    b.paths.addAll(new AuthPaths(s.mounts()).paths());
    b.paths.addAll(new AuditPaths(s.audit()).paths());
    b.paths.addAll(new AccessLogPaths(s.audit().accessLog()).paths());
    b.paths.addAll(new MetricsPaths(s.audit(), s.leases(), s.clock()).paths());
    b.paths.addAll(new QuotaPaths(s.quotas(), s.mounts()).paths());
    b.paths.addAll(new PluginPaths(s.mounts().plugins()).paths());
    b.paths.addAll(new WrappingPaths(s.wrapping()).paths());
    b.paths.addAll(new LeasePaths(s.leases()).paths());
    return b;
  }

  /** This backend with more paths served under {@code sys/} (e.g. {@code sys/break-glass/}). */
  public SystemBackend with(List<PathSpec> more) {
    paths.addAll(more);
    return this;
  }

  @Override
  public List<PathSpec> paths() {
    return List.copyOf(paths);
  }
}
