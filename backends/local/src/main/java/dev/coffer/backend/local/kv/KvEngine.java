package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Rotation;
import dev.coffer.spi.SecretsEngine;
import java.time.Instant;
import java.util.List;

/**
 * A mounted KV engine: its table of paths, and the rotations behind leased reads, {@code
 * rotate/:path}, the killswitch and scheduled rotation.
 */
final class KvEngine implements SecretsEngine {
  private final List<PathSpec> paths;
  private final KvRotations rotations;

  KvEngine(List<PathSpec> paths, KvRotations rotations) {
    this.paths = List.copyOf(paths);
    this.rotations = rotations;
  }

  @Override
  public List<PathSpec> paths() {
    return paths;
  }

  @Override
  public List<String> revokeLease(IssuedLease lease) {
    if (!ReadLeases.KIND.equals(lease.kind())) {
      return List.of("not a lease of the kv engine: " + lease.kind());
    }
    return rotations.revoke(lease);
  }

  @Override
  public void renewLease(IssuedLease lease, Instant newExpireTime) {
    if (ReadLeases.KIND.equals(lease.kind()) && !rotations.exists(lease.internalString("path"))) {
      throw CofferException.invalid("secret " + lease.internalString("path") + " no longer exists");
    }
  }

  @Override
  public List<Rotation> rotateAll() {
    return rotations.rotateAll();
  }

  @Override
  public void periodic(Instant now) {
    rotations.periodic(now);
  }
}
