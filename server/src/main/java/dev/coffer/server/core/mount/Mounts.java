package dev.coffer.server.core.mount;

import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.barrier.BarrierStorage;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.Storage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The mount table and the running engines. Routing reads an immutable snapshot; enable, disable and
 * tune are serialised and persist the table before the snapshot changes.
 */
public final class Mounts {
  private static final System.Logger LOG = System.getLogger(Mounts.class.getName());
  private static final List<String> RESERVED =
      List.of("sys/", "auth/", "cubbyhole/", "identity/", "audit/");

  private final Barrier barrier;
  private final PluginRegistry plugins;
  private final Clock clock;
  private final PasswordGenerator passwords;
  private volatile Map<String, MountedEngine> builtIns = Map.of();
  private volatile Map<String, MountedEngine> routes = Map.of();
  private final AuthMounts auth;
  private volatile java.util.function.Consumer<MountEntry> beforeDisable = e -> {};

  /**
   * An empty table; built-in mounts are added with {@link #addBuiltIn}; engines generate passwords
   * by {@code passwords}.
   */
  public Mounts(Barrier barrier, PluginRegistry plugins, Clock clock, PasswordGenerator passwords) {
    this.barrier = barrier;
    this.plugins = plugins;
    this.clock = clock;
    this.passwords = passwords;
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
    this.beforeDisable = hook;
  }

  /** The running engine mounted exactly at {@code path} with this uuid, if any. */
  public Optional<SecretsEngine> engineAt(String path, String uuid) {
    MountedEngine m = routes.get(path);
    if (m == null || !m.entry().uuid().equals(uuid)) {
      return Optional.empty();
    }
    return m.engine();
  }

  /** Every running mount (built-ins and auth methods included). */
  List<MountedEngine> running() {
    return List.copyOf(routes.values());
  }

  /** The plugins engine types are found in. */
  public PluginRegistry plugins() {
    return plugins;
  }

  /** Routes {@code mount} (the system backend) always; it is never stored in the table. */
  public synchronized void addBuiltIn(MountedEngine mount) {
    Map<String, MountedEngine> b = new TreeMap<>(builtIns);
    b.put(mount.entry().path(), mount);
    builtIns = Collections.unmodifiableMap(b);
    publish(mount.entry().path(), mount);
  }

  /** Loads the stored table and starts an engine per mount (after unseal). */
  public synchronized void load() {
    Map<String, MountedEngine> next = new TreeMap<>(builtIns);
    for (MountEntry entry : MountTable.load(storage())) {
      SecretsEngine engine = null;
      try {
        engine = start(entry);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.ERROR,
            "mount " + entry.path() + " (" + entry.type() + ") cannot start: " + e.getMessage());
      }
      next.put(entry.path(), new MountedEngine(entry, engine));
    }
    routes = Collections.unmodifiableMap(next);
  }

  /** Closes every engine (before seal). */
  public synchronized void closeAll() {
    Map<String, MountedEngine> old = routes;
    routes = builtIns;
    for (MountedEngine m : old.values()) {
      if (!builtIns.containsKey(m.entry().path())) {
        closeQuietly(m);
      }
    }
  }

  /** The mount serving {@code path}: the longest mount path that prefixes it. */
  public Optional<MountedEngine> route(String path) {
    Map<String, MountedEngine> r = routes;
    MountedEngine best = null;
    for (MountedEngine m : r.values()) {
      String mp = m.entry().path();
      if ((path.startsWith(mp) || (path + "/").equals(mp))
          && (best == null || mp.length() > best.entry().path().length())) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Runs {@link dev.coffer.spi.SecretsEngine#rotateAll()} on every mounted engine and auth method
   * (the killswitch's {@code rotate}).
   *
   * @return {@code <mount><path>} of each secret, mapped to its error ({@code ""} if rotated)
   */
  public Map<String, String> rotateAll() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (MountedEngine m : new TreeMap<>(routes).values()) {
      if (builtIns.containsKey(m.entry().path()) || !m.available()) {
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
    List<MountEntry> out = new ArrayList<>();
    for (MountedEngine m : new TreeMap<>(routes).values()) {
      if (!builtIns.containsKey(m.entry().path()) && !m.entry().path().startsWith("auth/")) {
        out.add(m.entry());
      }
    }
    return out;
  }

  /** The auth methods (mounts under {@code auth/}, built-in or not), by path. */
  public List<MountEntry> authEntries() {
    List<MountEntry> out = new ArrayList<>();
    for (MountedEngine m : new TreeMap<>(routes).values()) {
      if (m.entry().path().startsWith("auth/")) {
        out.add(m.entry());
      }
    }
    return out;
  }

  /** The entry mounted exactly at {@code path} (with or without trailing slash), if any. */
  public Optional<MountEntry> entry(String path) {
    MountedEngine m = routes.get(normalize(path));
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
    String path = validPath(rawPath);
    for (String reserved : RESERVED) {
      if (path.startsWith(reserved)) {
        throw CofferException.invalid("cannot mount \"" + path + "\"");
      }
    }
    for (String existing : routes.keySet()) {
      if (path.startsWith(existing) || existing.startsWith(path)) {
        throw CofferException.invalid("path is already in use at " + existing);
      }
    }
    String type = rawType == null ? "" : rawType.trim();
    Map<String, String> options = new TreeMap<>(rawOptions == null ? Map.of() : rawOptions);
    if (type.equals("kv-v2")) {
      type = "kv";
      options.put("version", "2");
    }
    if (type.isEmpty()) {
      throw CofferException.invalid("backend type must be specified as a string");
    }
    checkTtls(defaultLeaseTtl, maxLeaseTtl);
    String accessor = type + "_" + HexFormat.of().formatHex(randomBytes(4));
    MountEntry entry =
        new MountEntry(
            path,
            type,
            description,
            UUID.randomUUID().toString(),
            accessor,
            options,
            defaultLeaseTtl,
            maxLeaseTtl,
            false,
            false);
    SecretsEngine engine = start(entry);
    List<MountEntry> table = new ArrayList<>(entries());
    table.add(entry);
    try {
      MountTable.save(storage(), table);
    } catch (RuntimeException e) {
      closeQuietly(new MountedEngine(entry, engine));
      throw e;
    }
    publish(entry.path(), new MountedEngine(entry, engine));
    return entry;
  }

  /** Disables the mount at {@code path}, deleting its data; nothing happens if there is none. */
  public synchronized void disable(String rawPath) {
    String path = validPath(rawPath);
    if (builtIns.containsKey(path) || RESERVED.stream().anyMatch(path::startsWith)) {
      throw CofferException.invalid("cannot unmount \"" + path + "\"");
    }
    MountedEngine m = routes.get(path);
    if (m == null) {
      return;
    }
    beforeDisable.accept(m.entry());
    List<MountEntry> table = new ArrayList<>(entries());
    table.removeIf(e -> e.path().equals(path));
    MountTable.save(storage(), table);
    publish(path, null);
    closeQuietly(m);
    storageOf(m.entry()).deleteAll();
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
    if (path.startsWith("auth/") && !builtIns.containsKey(path)) {
      return auth.tune(path.substring("auth/".length()), description, defaultLeaseTtl, maxLeaseTtl);
    }
    MountedEngine current = routes.get(path);
    if (current == null || builtIns.containsKey(path)) {
      throw CofferException.invalid("no mount entry found at " + path);
    }
    MountEntry old = current.entry();
    Map<String, String> merged = new TreeMap<>(old.options());
    if (options != null) {
      merged.putAll(options);
    }
    if ("kv".equals(old.type())
        && "2".equals(old.options().get("version"))
        && "1".equals(merged.get("version"))) {
      throw CofferException.invalid("cannot downgrade mount from version 2");
    }
    MountEntry next =
        old.tuned(
            description == null ? old.description() : description,
            merged,
            defaultLeaseTtl == null ? old.defaultLeaseTtl() : defaultLeaseTtl,
            maxLeaseTtl == null ? old.maxLeaseTtl() : maxLeaseTtl);
    checkTtls(next.defaultLeaseTtl(), next.maxLeaseTtl());
    boolean restart =
        !next.options().equals(old.options())
            || next.defaultLeaseTtl() != old.defaultLeaseTtl()
            || next.maxLeaseTtl() != old.maxLeaseTtl()
            || !current.available();
    SecretsEngine engine = restart ? start(next) : null;
    List<MountEntry> table = new ArrayList<>();
    for (MountEntry e : entries()) {
      table.add(e.path().equals(path) ? next : e);
    }
    MountTable.save(storage(), table);
    if (restart) {
      publish(path, new MountedEngine(next, engine));
      closeQuietly(current);
    } else {
      publish(path, current.withEntry(next));
    }
    return next;
  }

  /** Routes an auth method mounted by {@link AuthMounts} (replacing one at the same path). */
  synchronized void attach(MountedEngine mount) {
    publish(mount.entry().path(), mount);
  }

  /** Stops routing the auth method at {@code path}; returns what was routed there, if anything. */
  synchronized Optional<MountedEngine> detach(String path) {
    MountedEngine m = routes.get(path);
    if (m != null && !builtIns.containsKey(path)) {
      publish(path, null);
      return Optional.of(m);
    }
    return Optional.empty();
  }

  /** The running mount at exactly {@code path}, if any. */
  Optional<MountedEngine> mounted(String path) {
    return Optional.ofNullable(routes.get(path));
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

  private SecretsEngine start(MountEntry entry) {
    SecretsEngineFactory factory =
        plugins
            .secretsEngine(entry.type())
            .orElseThrow(
                () -> CofferException.invalid("plugin not found in the catalog: " + entry.type()));
    try {
      SecretsEngine engine =
          factory.create(new EngineContext(entry, storageOf(entry), clock, passwords));
      if (engine == null) {
        throw new IllegalStateException("engine factory " + entry.type() + " returned null");
      }
      return engine;
    } catch (IllegalArgumentException e) {
      throw CofferException.invalid(e.getMessage());
    }
  }

  private BarrierStorage storageOf(MountEntry entry) {
    return barrier.view(entry.storagePrefix());
  }

  private Storage storage() {
    return barrier.root();
  }

  private void publish(String path, MountedEngine engine) {
    Map<String, MountedEngine> next = new TreeMap<>(routes);
    if (engine == null) {
      next.remove(path);
    } else {
      next.put(path, engine);
    }
    routes = Collections.unmodifiableMap(next);
  }

  static void closeQuietly(MountedEngine m) {
    try {
      m.close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "closing mount " + m.entry().path() + " failed", e);
    }
  }

  private static byte[] randomBytes(int n) {
    return dev.coffer.server.core.barrier.AesGcm.randomBytes(n);
  }
}
