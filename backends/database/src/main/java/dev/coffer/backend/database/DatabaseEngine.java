package dev.coffer.backend.database;

import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Rotation;
import dev.coffer.spi.SecretsEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A mounted {@code database} engine: PostgreSQL connections ({@code config/}), dynamic roles
 * ({@code roles/}, {@code creds/}) and static roles ({@code static-roles/}, {@code static-creds/},
 * {@code rotate-role/}).
 */
final class DatabaseEngine implements SecretsEngine {
  private final ConnectionPools pools = new ConnectionPools();
  private final DynamicCredentials credentials;
  private final StaticRotations rotations;
  private final List<PathSpec> paths;

  DatabaseEngine(MountContext mount) {
    DatabaseContext ctx =
        new DatabaseContext(new DatabaseStore(mount.storage()), pools, mount, new Object());
    this.credentials = new DynamicCredentials(ctx);
    this.rotations = new StaticRotations(ctx);
    List<PathSpec> all = new ArrayList<>();
    all.addAll(new ConfigPaths(ctx).paths());
    all.addAll(new RolePaths(ctx).paths());
    all.addAll(credentials.paths());
    all.addAll(new StaticRolePaths(ctx, rotations).paths());
    this.paths = List.copyOf(all);
  }

  @Override
  public List<PathSpec> paths() {
    return paths;
  }

  @Override
  public List<String> revokeLease(IssuedLease lease) {
    return credentials.revoke(lease);
  }

  @Override
  public void renewLease(IssuedLease lease, Instant newExpireTime) {
    credentials.renew(lease, newExpireTime);
  }

  @Override
  public List<Rotation> rotateAll() {
    return rotations.rotateAll();
  }

  @Override
  public void periodic(Instant now) {
    rotations.rotateDue(now);
  }

  @Override
  public void close() {
    pools.close();
  }
}
