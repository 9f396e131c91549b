package dev.coffer.server.core.identity;

import dev.coffer.server.core.barrier.AesGcm;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.SecretsEngine;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The built-in {@code identity/} mount: entities ({@code identity/entity...}), entity aliases
 * ({@code identity/entity-alias...}) and {@code identity/lookup/entity}, in Vault's shapes.
 */
public final class IdentityBackend implements SecretsEngine {
  private final List<PathSpec> paths;

  private IdentityBackend(List<PathSpec> paths) {
    this.paths = List.copyOf(paths);
  }

  /** The mount table row of {@code identity/}. */
  public static MountEntry entry() {
    return new MountEntry(
        "identity/",
        "identity",
        "identity store",
        UUID.randomUUID().toString(),
        "identity_" + HexFormat.of().formatHex(AesGcm.randomBytes(4)),
        Map.of(),
        0,
        0,
        false,
        false);
  }

  /** The identity backend over this store. */
  public static IdentityBackend create(EntityStore store) {
    return create(store, List.of());
  }

  /** The identity backend over this store, with more paths (e.g. {@code mfa/...}) after its own. */
  public static IdentityBackend create(EntityStore store, List<PathSpec> more) {
    List<PathSpec> all = new ArrayList<>();
    all.addAll(new EntityPaths(store).paths());
    all.addAll(new AliasPaths(store).paths());
    all.addAll(new LookupPaths(store).paths());
    all.addAll(more);
    return new IdentityBackend(all);
  }

  @Override
  public List<PathSpec> paths() {
    return paths;
  }
}
