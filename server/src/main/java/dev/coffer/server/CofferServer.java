package dev.coffer.server;

import dev.coffer.config.CofferConfig;
import dev.coffer.config.LeaseConfig;
import dev.coffer.server.core.Core;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.lease.LeaseSettings;
import dev.coffer.server.http.HttpServer;
import dev.coffer.spi.Seal;
import dev.coffer.spi.SealFactory;
import dev.coffer.spi.StorageBackend;
import dev.coffer.spi.StorageBackendFactory;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door: a running Coffer server, from configuration to a listening HTTP API.
 *
 * <p>{@link #start(CofferConfig)} loads the plugins, creates the storage backend and the seal their
 * factories describe, starts the {@link Core} (which auto-unseals where it can) and then the HTTP
 * listener. {@link #startDev(DevOptions)} does the same for dev mode and also initialises the
 * server, mounts KV v2 at {@code secret/} and creates the root token.
 */
public final class CofferServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CofferServer.class);

  private final Core core;
  private final HttpServer http;
  private final String devRootToken;
  private final HeartbeatMonitor heartbeat;

  private CofferServer(
      Core core, HttpServer http, String devRootToken, HeartbeatMonitor heartbeat) {
    this.core = core;
    this.http = http;
    this.devRootToken = devRootToken;
    this.heartbeat = heartbeat;
  }

  /**
   * Starts a server.
   *
   * @throws StartupException naming the configuration key at fault
   */
  public static CofferServer start(CofferConfig config) {
    StartupPhases phases = new StartupPhases();
    Core core = startCore(config, CofferServer.class.getClassLoader(), Clock.systemUTC(), phases);
    return listen(config, core, null, phases);
  }

  /**
   * Starts a dev-mode server: unsealed, KV v2 at {@code secret/}, a root token; in memory unless
   * {@link DevOptions#dataDir()} is set.
   *
   * @throws StartupException naming the option or key at fault
   */
  public static CofferServer startDev(DevOptions options) {
    return startDev(options, Clock.systemUTC());
  }

  /**
   * Starts a dev-mode server whose core reads time from {@code clock} (tests control TTLs, TOTP
   * steps and lockouts with it).
   *
   * @throws StartupException naming the option or key at fault
   */
  public static CofferServer startDev(DevOptions options, Clock clock) {
    StartupPhases phases = new StartupPhases();
    CofferConfig config = DevMode.config(options);
    Core core = startCore(config, CofferServer.class.getClassLoader(), clock, phases);
    String rootToken;
    try {
      rootToken = DevMode.prepare(core, options);
    } catch (RuntimeException e) {
      closeQuietly(core);
      throw new StartupException("cannot prepare the dev server: " + e.getMessage(), e);
    }
    phases.end("dev set-up");
    return listen(config, core, rootToken, phases);
  }

  /**
   * Loads plugins (the built-in ones visible to {@code parent}, and each jar of the plugin
   * directory in its own class loader), creates storage and seal, starts the core; closes what it
   * opened on failure.
   */
  static Core startCore(CofferConfig config, ClassLoader parent) {
    return startCore(config, parent, Clock.systemUTC(), new StartupPhases());
  }

  private static Core startCore(
      CofferConfig config, ClassLoader parent, Clock clock, StartupPhases phases) {
    Objects.requireNonNull(config, "config");
    PluginRegistry registry =
        PluginLoader.load(
            parent, config.pluginDirectory().orElseGet(PluginClassLoaders::distributionDirectory));
    phases.end("plugins");
    StorageBackend storage = createStorage(registry, config);
    phases.end("storage");
    Seal seal;
    try {
      seal = createSeal(registry, config);
      phases.end("seal");
    } catch (RuntimeException e) {
      closeQuietly(storage);
      throw e;
    }
    Core core;
    try {
      LeaseConfig lease = config.lease();
      core =
          new Core(
              storage,
              seal,
              registry,
              clock,
              new LeaseSettings(
                  lease.revokeWorkers(),
                  lease.maxRevokeAttempts(),
                  lease.revokeBackoffInitial(),
                  lease.tick(),
                  lease.periodicInterval()));
      core.setStorageType(config.storageType());
      phases.end("core");
    } catch (RuntimeException e) {
      closeQuietly(seal);
      closeQuietly(storage);
      throw e;
    }
    try {
      core.start();
      phases.end("unseal");
    } catch (RuntimeException e) {
      closeQuietly(core);
      throw new StartupException("cannot start the core: " + e.getMessage(), e);
    }
    LOG.info("core started: storage {}, seal {}", config.storageType(), config.sealType());
    return core;
  }

  private static StorageBackend createStorage(PluginRegistry registry, CofferConfig config) {
    StorageBackendFactory factory;
    try {
      factory = registry.storageBackend(config.storageType());
    } catch (IllegalArgumentException e) {
      throw new StartupException("invalid value for 'storage.type': " + e.getMessage(), e);
    }
    try {
      return factory.create(config.storageOptions());
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  private static Seal createSeal(PluginRegistry registry, CofferConfig config) {
    SealFactory factory;
    try {
      factory = registry.seal(config.sealType());
    } catch (IllegalArgumentException e) {
      throw new StartupException("invalid value for 'seal.type': " + e.getMessage(), e);
    }
    try {
      return factory.create(config.sealOptions());
    } catch (IllegalArgumentException e) {
      throw new StartupException(e.getMessage(), e);
    }
  }

  private static CofferServer listen(
      CofferConfig config, Core core, String devRootToken, StartupPhases phases) {
    try {
      HttpServer http = HttpServer.start(config.listener(), core);
      phases.end("http");
      LOG.info("listening on {}", http.url());
      LOG.info("started {}", phases.summary());
      HeartbeatMonitor heartbeat =
          config
              .heartbeat()
              .map(
                  hb ->
                      HeartbeatMonitor.start(
                          hb, (rotate, seal) -> core.fireKillswitch(rotate, seal, "heartbeat")))
              .orElse(null);
      return new CofferServer(core, http, devRootToken, heartbeat);
    } catch (RuntimeException e) {
      closeQuietly(core);
      throw new StartupException(e.getMessage(), e);
    }
  }

  /** The port the HTTP API listens on. */
  public int port() {
    return http.port();
  }

  /** The base URL of the HTTP API, e.g. {@code http://127.0.0.1:8200}. */
  public String address() {
    return http.url();
  }

  /** The core behind the API. */
  public Core core() {
    return core;
  }

  /** In dev mode, the root token the banner shows. */
  public Optional<String> devRootToken() {
    return Optional.ofNullable(devRootToken);
  }

  /** Stops listening, then seals and closes the core, the seal and the storage. */
  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.close();
    }
    try {
      http.close();
    } finally {
      core.close();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("close failed during aborted start-up", e);
    }
  }
}
