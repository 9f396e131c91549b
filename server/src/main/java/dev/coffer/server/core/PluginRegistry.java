package dev.coffer.server.core;

import dev.coffer.spi.AuditSinkFactory;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.SealFactory;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.StorageBackendFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every factory the loaded plugins provide, by type name, and where each plugin came from.
 * Immutable once loaded.
 */
public final class PluginRegistry {
  /** The {@link LoadedPlugin#source()} of a plugin on the server's own class path. */
  public static final String BUILTIN = "builtin";

  private final List<LoadedPlugin> loaded;
  private final List<Plugin> plugins;
  private final Map<String, StorageBackendFactory> storage;
  private final Map<String, SealFactory> seals;
  private final Map<String, SecretsEngineFactory> engines;
  private final Map<String, AuditSinkFactory> auditSinks;
  private final Map<String, AuthMethodFactory> authMethods;

  private PluginRegistry(List<LoadedPlugin> loaded) {
    this.loaded = List.copyOf(loaded);
    this.plugins = this.loaded.stream().map(LoadedPlugin::plugin).toList();
    this.storage = index(loaded, "storage", Plugin::storageBackends, StorageBackendFactory::type);
    this.seals = index(loaded, "seal", Plugin::seals, SealFactory::type);
    this.engines = index(loaded, "secrets engine", Plugin::secretsEngines, f -> f.type());
    this.auditSinks = index(loaded, "audit sink", Plugin::auditSinks, AuditSinkFactory::type);
    this.authMethods = index(loaded, "auth method", Plugin::authMethods, AuthMethodFactory::type);
  }

  /**
   * A plugin and where it came from.
   *
   * @param plugin the plugin
   * @param source {@link #BUILTIN}, or the jar (or folder of jars) it was loaded from
   * @param version the plugin's version (its jar's {@code Implementation-Version}), or {@code
   *     "unknown"}
   */
  public record LoadedPlugin(Plugin plugin, String source, String version) {
    public LoadedPlugin {
      Objects.requireNonNull(plugin, "plugin");
      Objects.requireNonNull(source, "source");
      version = version == null || version.isBlank() ? "unknown" : version;
    }

    /** A plugin on the server's own class path, versioned with the server. */
    public static LoadedPlugin builtin(Plugin plugin) {
      return new LoadedPlugin(plugin, BUILTIN, Version.version());
    }

    /** Whether it is on the server's own class path. */
    public boolean isBuiltin() {
      return BUILTIN.equals(source);
    }

    /**
     * The plugin's name for messages: {@code 'name'}, plus {@code (from <jar>)} unless built in.
     */
    String describe() {
      return "'" + plugin.name() + "'" + (isBuiltin() ? "" : " (from " + source + ")");
    }
  }

  /**
   * Finds every {@link Plugin} visible to {@code loader} with {@link java.util.ServiceLoader}; they
   * are all {@link #BUILTIN}.
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
   * A registry of exactly these plugins, all {@link #BUILTIN} (for tests and embedding).
   *
   * @throws IllegalStateException naming both plugins when two provide the same type of the same
   *     kind
   */
  public static PluginRegistry of(List<Plugin> plugins) {
    return new PluginRegistry(plugins.stream().map(LoadedPlugin::builtin).toList());
  }

  /**
   * A registry of these plugins with their sources.
   *
   * @throws IllegalStateException naming both plugins, and the jars they came from, when two
   *     provide the same type of the same kind
   */
  public static PluginRegistry ofLoaded(List<LoadedPlugin> loaded) {
    return new PluginRegistry(loaded);
  }

  /** The loaded plugins. */
  public List<Plugin> plugins() {
    return plugins;
  }

  /** The loaded plugins with their sources and versions, in loading order. */
  public List<LoadedPlugin> loaded() {
    return loaded;
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

  /** The auth method factory of this type, if a plugin provides one. */
  public Optional<AuthMethodFactory> authMethod(String type) {
    return Optional.ofNullable(authMethods.get(type));
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
      List<LoadedPlugin> plugins,
      String kind,
      Function<Plugin, List<F>> factories,
      Function<F, String> typeOf) {
    Map<String, F> byType = new TreeMap<>();
    Map<String, LoadedPlugin> owner = new TreeMap<>();
    for (LoadedPlugin plugin : plugins) {
      for (F factory : factories.apply(plugin.plugin())) {
        String type = typeOf.apply(factory);
        LoadedPlugin earlier = owner.putIfAbsent(type, plugin);
        if (earlier != null) {
          throw new IllegalStateException(
              "plugins "
                  + earlier.describe()
                  + " and "
                  + plugin.describe()
                  + " both provide the "
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
