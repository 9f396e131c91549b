package dev.coffer.server.core.mount;

import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.barrier.BarrierStorage;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.SecretsEngineFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The secrets engine table, stored inside the barrier at {@value MountTable#KEY}: enable, disable
 * and tune the engines mounted outside {@code auth/}, and start an engine for an entry. Each change
 * is stored before {@link Routes} changes. Called only under the {@link Mounts} lock.
 */
final class EngineMounts {
  private static final List<String> RESERVED =
      List.of("sys/", "auth/", "cubbyhole/", "identity/", "audit/");

  private final Barrier barrier;
  private final PluginRegistry plugins;
  private final Clock clock;
  private final PasswordGenerator passwords;
  private final Routes routes;
  private volatile Consumer<MountEntry> beforeDisable = e -> {};

  EngineMounts(
      Barrier barrier,
      PluginRegistry plugins,
      Clock clock,
      PasswordGenerator passwords,
      Routes routes) {
    this.barrier = barrier;
    this.plugins = plugins;
    this.clock = clock;
    this.passwords = passwords;
    this.routes = routes;
  }

  /** Runs {@code hook} before a mount is disabled; if it throws, the mount stays. */
  void beforeDisable(Consumer<MountEntry> hook) {
    this.beforeDisable = hook;
  }

  /**
   * Enables an engine.
   *
   * @throws CofferException 400 for a reserved or used path or an unknown type
   */
  MountEntry enable(
      String rawPath,
      String rawType,
      String description,
      Map<String, String> rawOptions,
      long defaultLeaseTtl,
      long maxLeaseTtl) {
    String path = Mounts.validPath(rawPath);
    for (String reserved : RESERVED) {
      if (path.startsWith(reserved)) {
        throw CofferException.invalid("cannot mount \"" + path + "\"");
      }
    }
    for (String existing : routes.paths()) {
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
    Mounts.checkTtls(defaultLeaseTtl, maxLeaseTtl);
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
    List<MountEntry> table = new ArrayList<>(routes.entries());
    table.add(entry);
    try {
      MountTable.save(barrier.root(), table);
    } catch (RuntimeException e) {
      Mounts.closeQuietly(new MountedEngine(entry, engine));
      throw e;
    }
    routes.publish(entry.path(), new MountedEngine(entry, engine));
    return entry;
  }

  /** Disables the mount at {@code path}, deleting its data; nothing happens if there is none. */
  void disable(String rawPath) {
    String path = Mounts.validPath(rawPath);
    if (routes.isBuiltIn(path) || RESERVED.stream().anyMatch(path::startsWith)) {
      throw CofferException.invalid("cannot unmount \"" + path + "\"");
    }
    MountedEngine m = routes.at(path);
    if (m == null) {
      return;
    }
    beforeDisable.accept(m.entry());
    List<MountEntry> table = new ArrayList<>(routes.entries());
    table.removeIf(e -> e.path().equals(path));
    MountTable.save(barrier.root(), table);
    routes.publish(path, null);
    Mounts.closeQuietly(m);
    storageOf(m.entry()).deleteAll();
  }

  /**
   * Changes the tunables of the engine at {@code path} (a valid mount path); a change of options or
   * TTLs restarts it with the new ones.
   *
   * @throws CofferException 400 if no engine is mounted there
   */
  MountEntry tune(
      String path,
      String description,
      Map<String, String> options,
      Long defaultLeaseTtl,
      Long maxLeaseTtl) {
    MountedEngine current = routes.at(path);
    if (current == null || routes.isBuiltIn(path)) {
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
    Mounts.checkTtls(next.defaultLeaseTtl(), next.maxLeaseTtl());
    boolean restart =
        !next.options().equals(old.options())
            || next.defaultLeaseTtl() != old.defaultLeaseTtl()
            || next.maxLeaseTtl() != old.maxLeaseTtl()
            || !current.available();
    SecretsEngine engine = restart ? start(next) : null;
    List<MountEntry> table = new ArrayList<>();
    for (MountEntry e : routes.entries()) {
      table.add(e.path().equals(path) ? next : e);
    }
    MountTable.save(barrier.root(), table);
    if (restart) {
      routes.publish(path, new MountedEngine(next, engine));
      Mounts.closeQuietly(current);
    } else {
      routes.publish(path, current.withEntry(next));
    }
    return next;
  }

  /**
   * Starts the engine of {@code entry} over its own storage view.
   *
   * @throws CofferException 400 if its type is not installed or the engine refuses its options
   */
  SecretsEngine start(MountEntry entry) {
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

  private static byte[] randomBytes(int n) {
    return dev.coffer.server.core.barrier.AesGcm.randomBytes(n);
  }
}
