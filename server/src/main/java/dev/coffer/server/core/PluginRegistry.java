package dev.coffer.server.core;

import dev.coffer.spi.AuditSinkFactory;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.SealFactory;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.StorageBackendFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/** Every factory the loaded plugins provide, by type name. Immutable once loaded. */
public final class PluginRegistry {
  private final List<Plugin> plugins;
  private final Map<String, StorageBackendFactory> storage;
  private final Map<String, SealFactory> seals;
  private final Map<String, SecretsEngineFactory> engines;
  private final Map<String, AuditSinkFactory> auditSinks;

  private PluginRegistry(List<Plugin> plugins) {
    this.plugins = List.copyOf(plugins);
    this.storage = index(plugins, "storage", Plugin::storageBackends, StorageBackendFactory::type);
    this.seals = index(plugins, "seal", Plugin::seals, SealFactory::type);
    this.engines = index(plugins, "secrets engine", Plugin::secretsEngines, f -> f.type());
    this.auditSinks = index(plugins, "audit sink", Plugin::auditSinks, AuditSinkFactory::type);
  }

  /**
   * Finds every {@link Plugin} visible to {@code loader} with {@link java.util.ServiceLoader}.
   *
   * @throws IllegalStateException naming both plugins when two provide the same type of the same
   *     kind
   */
  public static PluginRegistry load(ClassLoader loader) {
    List<Plugin> found = new ArrayList<>();
    ServiceLoader.load(Plugin.class, loader).forEach(found::add);
    return of(found);
  }

  /**
   * A registry of exactly these plugins (for tests and embedding).
   *
   * @throws IllegalStateException naming both plugins when two provide the same type of the same
   *     kind
   */
  public static PluginRegistry of(List<Plugin> plugins) {
    return new PluginRegistry(plugins);
  }

  /** The loaded plugins. */
  public List<Plugin> plugins() {
    return plugins;
  }

  /**
   * The storage factory of this type.
   *
   * @throws IllegalArgumentException "unknown storage type 'x' (available: a, b)"
   */
  public StorageBackendFactory storageBackend(String type) {
    return require(storage, "storage", type);
  }

  /**
   * The seal factory of this type.
   *
   * @throws IllegalArgumentException "unknown seal type 'x' (available: a, b)"
   */
  public SealFactory seal(String type) {
    return require(seals, "seal", type);
  }

  /** The secrets engine factory of this type, if a plugin provides one. */
  public Optional<SecretsEngineFactory> secretsEngine(String type) {
    return Optional.ofNullable(engines.get(type));
  }

  /** The audit sink factory of this type, if a plugin provides one. */
  public Optional<AuditSinkFactory> auditSink(String type) {
    return Optional.ofNullable(auditSinks.get(type));
  }

  private static <F> F require(Map<String, F> byType, String kind, String type) {
    F f = byType.get(type);
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown "
              + kind
              + " type '"
              + type
              + "' (available: "
              + String.join(", ", byType.keySet())
              + ")");
    }
    return f;
  }

  private static <F> Map<String, F> index(
      List<Plugin> plugins,
      String kind,
      Function<Plugin, List<F>> factories,
      Function<F, String> typeOf) {
    Map<String, F> byType = new TreeMap<>();
    Map<String, Plugin> owner = new TreeMap<>();
    for (Plugin plugin : plugins) {
      for (F factory : factories.apply(plugin)) {
        String type = typeOf.apply(factory);
        Plugin earlier = owner.putIfAbsent(type, plugin);
        if (earlier != null) {
          throw new IllegalStateException(
              "plugins '"
                  + earlier.name()
                  + "' and '"
                  + plugin.name()
                  + "' both provide the "
                  + kind
                  + " type '"
                  + type
                  + "'");
        }
        byType.put(type, factory);
      }
    }
    return Collections.unmodifiableMap(byType);
  }
}
