package dev.coffer.server.core.mount;

import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.SecretsEngine;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mount table and the running engines. Routing reads an immutable snapshot ({@link Routes});
 * enable, disable and tune are serialised and persist the table before the snapshot changes ({@link
 * EngineMounts} for secrets engines, {@link AuthMounts} for auth methods).
 */
public final class Mounts {
  private static final System.Logger LOG = System.getLogger(Mounts.class.getName());

  private final Barrier barrier;
  private final PluginRegistry plugins;
  private final PasswordGenerator passwords;
  private final Routes routes = new Routes();
  private final EngineMounts engines;
  private final AuthMounts auth;

  /**
   * An empty table; built-in mounts are added with {@link #addBuiltIn}; engines generate passwords
   * by {@code passwords}.
   */
  public Mounts(Barrier barrier, PluginRegistry plugins, Clock clock, PasswordGenerator passwords) {
    this.barrier = barrier;
    this.plugins = plugins;
    this.passwords = passwords;
    this.engines = new EngineMounts(barrier, plugins, clock, passwords, routes);
    this.auth = new AuthMounts(barrier, this, plugins, clock);
  }

  /** Where engines' generated passwords come from. */
  PasswordGenerator passwords() {
    return passwords;
  }

  /** The auth methods mounted under {@code auth/} (their own table, routed here). */
  public AuthMounts auth() {
    return auth;
  }

  /**
   * Runs {@code hook} before a mount is disabled (the lease manager revokes its leases); if it
   * throws, the mount stays.
   */
  public void beforeDisable(java.util.function.Consumer<MountEntry> hook) {
    engines.beforeDisable(hook);
  }

  /** The running engine mounted exactly at {@code path} with this uuid, if any. */
  public Optional<SecretsEngine> engineAt(String path, String uuid) {
    MountedEngine m = routes.at(path);
    if (m == null || !m.entry().uuid().equals(uuid)) {
      return Optional.empty();
    }
    return m.engine();
  }

  /** Every running mount (built-ins and auth methods included). */
  List<MountedEngine> running() {
    return routes.running();
  }

  /** The plugins engine types are found in. */
  public PluginRegistry plugins() {
    return plugins;
  }

  /** Routes {@code mount} (the system backend) always; it is never stored in the table. */
  public synchronized void addBuiltIn(MountedEngine mount) {
    routes.addBuiltIn(mount);
  }

  /** Loads the stored table and starts an engine per mount (after unseal). */
  public synchronized void load() {
    List<MountedEngine> loaded = new ArrayList<>();
    for (MountEntry entry : MountTable.load(barrier.root())) {
      SecretsEngine engine = null;
      try {
        engine = engines.start(entry);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.ERROR,
            "mount " + entry.path() + " (" + entry.type() + ") cannot start: " + e.getMessage());
      }
      loaded.add(new MountedEngine(entry, engine));
    }
    routes.load(loaded);
  }

  /** Closes every engine (before seal). */
  public synchronized void closeAll() {
    for (MountedEngine m : routes.onlyBuiltIns()) {
      closeQuietly(m);
    }
  }

  /** The mount serving {@code path}: the longest mount path that prefixes it. */
  public Optional<MountedEngine> route(String path) {
    return routes.route(path);
  }

  /**
   * Runs {@link dev.coffer.spi.SecretsEngine#rotateAll()} on every mounted engine and auth method
   * (the killswitch's {@code rotate}).
   *
   * @return {@code <mount><path>} of each secret, mapped to its error ({@code ""} if rotated)
   */
  public Map<String, String> rotateAll() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (MountedEngine m : routes.byPath()) {
      if (routes.isBuiltIn(m.entry().path()) || !m.available()) {
        continue;
      }
      try {
        for (dev.coffer.spi.Rotation r : m.rotateAll()) {
          out.put(m.entry().path() + r.path(), r.error());
        }
      } catch (RuntimeException e) {
        out.put(m.entry().path(), e.getMessage() == null ? "rotation failed" : e.getMessage());
      }
    }
    return out;
  }

  /** The user mounts (not the system backend, not auth methods), by path. */
  public List<MountEntry> entries() {
    return routes.entries();
  }

  /** The auth methods (mounts under {@code auth/}, built-in or not), by path. */
  public List<MountEntry> authEntries() {
    return routes.authEntries();
  }

  /** The entry mounted exactly at {@code path} (with or without trailing slash), if any. */
  public Optional<MountEntry> entry(String path) {
    MountedEngine m = routes.at(normalize(path));
    return Optional.ofNullable(m).map(MountedEngine::entry);
  }

  /**
   * Enables an engine.
   *
   * @throws CofferException 400 for a reserved or used path or an unknown type
   */
  public synchronized MountEntry enable(
      String rawPath,
      String rawType,
      String description,
      Map<String, String> rawOptions,
      long defaultLeaseTtl,
      long maxLeaseTtl) {
    return engines.enable(rawPath, rawType, description, rawOptions, defaultLeaseTtl, maxLeaseTtl);
  }

  /** Disables the mount at {@code path}, deleting its data; nothing happens if there is none. */
  public synchronized void disable(String rawPath) {
    engines.disable(rawPath);
  }

  /**
   * Changes a mount's tunables; a change of options restarts its engine with the new ones.
   *
   * @throws CofferException 400 if nothing is mounted there
   */
  public synchronized MountEntry tune(
      String rawPath,
      String description,
      Map<String, String> options,
      Long defaultLeaseTtl,
      Long maxLeaseTtl) {
    String path = validPath(rawPath);
    if (path.startsWith("auth/") && !routes.isBuiltIn(path)) {
      return auth.tune(path.substring("auth/".length()), description, defaultLeaseTtl, maxLeaseTtl);
    }
    return engines.tune(path, description, options, defaultLeaseTtl, maxLeaseTtl);
  }

  /** Routes an auth method mounted by {@link AuthMounts} (replacing one at the same path). */
  synchronized void attach(MountedEngine mount) {
    routes.publish(mount.entry().path(), mount);
  }

  /** Stops routing the auth method at {@code path}; returns what was routed there, if anything. */
  synchronized Optional<MountedEngine> detach(String path) {
    MountedEngine m = routes.at(path);
    if (m != null && !routes.isBuiltIn(path)) {
      routes.publish(path, null);
      return Optional.of(m);
    }
    return Optional.empty();
  }

  /** The running mount at exactly {@code path}, if any. */
  Optional<MountedEngine> mounted(String path) {
    return Optional.ofNullable(routes.at(path));
  }

  /** Normalises a mount path: no leading slash, one trailing slash. */
  public static String normalize(String path) {
    String p = path == null ? "" : path.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p + "/";
  }

  static String validPath(String raw) {
    String path = normalize(raw);
    if (path.equals("/") || path.contains("//")) {
      throw CofferException.invalid("invalid mount path \"" + path + "\"");
    }
    return path;
  }

  static void checkTtls(long defaultTtl, long maxTtl) {
    if (defaultTtl < 0 || maxTtl < 0) {
      throw CofferException.invalid("lease TTLs cannot be negative");
    }
    if (defaultTtl > 0 && maxTtl > 0 && defaultTtl > maxTtl) {
      throw CofferException.invalid("given default lease TTL greater than given max lease TTL");
    }
  }

  static void closeQuietly(MountedEngine m) {
    try {
      m.close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "closing mount " + m.entry().path() + " failed", e);
    }
  }
}
