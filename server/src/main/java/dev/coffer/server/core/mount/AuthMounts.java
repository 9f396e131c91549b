package dev.coffer.server.core.mount;

import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.AuthMethod;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.CofferException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The auth method table, stored inside the barrier at {@value #KEY}: enable, disable, tune and load
 * the auth methods mounted under {@code auth/}. Each gets storage under {@code auth/<uuid>/} and an
 * accessor {@code auth_<type>_<8 hex>}; they are routed by {@link Mounts} like any mount. The
 * built-in {@code auth/token/} is not in this table.
 */
public final class AuthMounts {
  /** Where the auth table is stored. */
  public static final String KEY = "core/auth";

  private static final System.Logger LOG = System.getLogger(AuthMounts.class.getName());
  private static final String PREFIX = "auth/";

  private final Barrier barrier;
  private final Mounts mounts;
  private final PluginRegistry plugins;
  private final Clock clock;

  /** The auth table of these mounts. */
  public AuthMounts(Barrier barrier, Mounts mounts, PluginRegistry plugins, Clock clock) {
    this.barrier = barrier;
    this.mounts = mounts;
    this.plugins = plugins;
    this.clock = clock;
  }

  /** Loads the stored table and starts an auth method per entry (after {@link Mounts#load()}). */
  public synchronized void load() {
    for (MountEntry entry : MountTable.load(barrier.root(), KEY)) {
      AuthMethod method = null;
      try {
        method = start(entry);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.ERROR,
            "auth method "
                + entry.path()
                + " ("
                + entry.type()
                + ") cannot start: "
                + e.getMessage());
      }
      mounts.attach(new MountedEngine(entry, method));
    }
  }

  /** The stored auth methods (without the built-in token method), by path. */
  public List<MountEntry> entries() {
    return MountTable.load(barrier.root(), KEY);
  }

  /**
   * Enables an auth method at {@code auth/<path>/}.
   *
   * @throws CofferException 400 for a used path, {@code token}, or an unknown type
   */
  public synchronized MountEntry enable(
      String rawPath, String rawType, String description, long defaultTtl, long maxTtl) {
    String path = PREFIX + Mounts.validPath(rawPath);
    String type = rawType == null ? "" : rawType.trim();
    if (type.isEmpty()) {
      throw CofferException.invalid("backend type must be specified as a string");
    }
    if (type.equals("token") || path.equals("auth/token/")) {
      throw CofferException.invalid("token credential backend cannot be instantiated");
    }
    for (MountEntry existing : mounts.authEntries()) {
      if (path.startsWith(existing.path()) || existing.path().startsWith(path)) {
        throw CofferException.invalid("path is already in use at " + existing.path());
      }
    }
    Mounts.checkTtls(defaultTtl, maxTtl);
    MountEntry entry =
        new MountEntry(
            path,
            type,
            description,
            UUID.randomUUID().toString(),
            "auth_" + type + "_" + HexFormat.of().formatHex(randomBytes()),
            Map.of(),
            defaultTtl,
            maxTtl,
            false,
            false);
    AuthMethod method = start(entry);
    List<MountEntry> table = new ArrayList<>(entries());
    table.add(entry);
    try {
      MountTable.save(barrier.root(), KEY, table);
    } catch (RuntimeException e) {
      Mounts.closeQuietly(new MountedEngine(entry, method));
      throw e;
    }
    mounts.attach(new MountedEngine(entry, method));
    return entry;
  }

  /**
   * Disables the auth method at {@code auth/<path>/}, deleting its data; nothing happens if none is
   * mounted there. Tokens it issued are not revoked (they expire by their TTLs).
   */
  public synchronized void disable(String rawPath) {
    String path = PREFIX + Mounts.validPath(rawPath);
    if (path.equals("auth/token/")) {
      throw CofferException.invalid("token credential backend cannot be disabled");
    }
    List<MountEntry> table = new ArrayList<>(entries());
    Optional<MountEntry> entry = table.stream().filter(e -> e.path().equals(path)).findFirst();
    if (entry.isEmpty()) {
      return;
    }
    table.remove(entry.get());
    MountTable.save(barrier.root(), KEY, table);
    mounts.detach(path).ifPresent(Mounts::closeQuietly);
    barrier.view(entry.get().storagePrefix()).deleteAll();
  }

  /** The entry of the auth method at {@code auth/<path>/} (the token method too), if any. */
  public Optional<MountEntry> entry(String rawPath) {
    String path = PREFIX + Mounts.normalize(rawPath);
    return mounts.authEntries().stream().filter(e -> e.path().equals(path)).findFirst();
  }

  /**
   * Changes the TTLs and description of the auth method at {@code auth/<path>/}; the method keeps
   * running.
   *
   * @throws CofferException 400 if nothing is mounted there (or it is the token method)
   */
  public synchronized MountEntry tune(
      String rawPath, String description, Long defaultTtl, Long maxTtl) {
    String path = PREFIX + Mounts.validPath(rawPath);
    List<MountEntry> table = new ArrayList<>(entries());
    MountEntry old =
        table.stream()
            .filter(e -> e.path().equals(path))
            .findFirst()
            .orElseThrow(() -> CofferException.invalid("no mount entry found at " + path));
    MountEntry next =
        old.tuned(
            description == null ? old.description() : description,
            old.options(),
            defaultTtl == null ? old.defaultLeaseTtl() : defaultTtl,
            maxTtl == null ? old.maxLeaseTtl() : maxTtl);
    Mounts.checkTtls(next.defaultLeaseTtl(), next.maxLeaseTtl());
    table.replaceAll(e -> e.path().equals(path) ? next : e);
    MountTable.save(barrier.root(), KEY, table);
    mounts.mounted(path).ifPresent(m -> mounts.attach(m.withEntry(next)));
    return next;
  }

  private AuthMethod start(MountEntry entry) {
    AuthMethodFactory factory =
        plugins
            .authMethod(entry.type())
            .orElseThrow(
                () -> CofferException.invalid("plugin not found in the catalog: " + entry.type()));
    try {
      AuthMethod method =
          factory.create(
              new EngineContext(
                  entry, barrier.view(entry.storagePrefix()), clock, mounts.passwords()));
      if (method == null) {
        throw new IllegalStateException("auth method factory " + entry.type() + " returned null");
      }
      return method;
    } catch (IllegalArgumentException e) {
      throw CofferException.invalid(e.getMessage());
    }
  }

  private static byte[] randomBytes() {
    return dev.coffer.server.core.barrier.AesGcm.randomBytes(4);
  }
}
