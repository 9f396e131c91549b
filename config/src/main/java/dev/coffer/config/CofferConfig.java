package dev.coffer.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The server's configuration: typed, validated once by {@link Builder#build()}, immutable after.
 *
 * <p>Keys (YAML file, each overridable by an environment variable, see {@link ConfigLoader}):
 *
 * <ul>
 *   <li>{@code listener.address} — {@code host:port}, default {@value #DEFAULT_LISTENER_ADDRESS}
 *   <li>{@code listener.tls_cert_file}, {@code listener.tls_key_file} — PEM files, both or neither
 *   <li>{@code listener.max_request_size} — bytes, default {@value #DEFAULT_MAX_REQUEST_SIZE}
 *   <li>{@code storage.type} — default {@value #DEFAULT_STORAGE_TYPE}; other {@code storage.*} keys
 *       are options the storage factory validates
 *   <li>{@code seal.type} — default {@value #DEFAULT_SEAL_TYPE}; other {@code seal.*} keys are
 *       options the seal factory validates
 *   <li>{@code log_level} — trace, debug, info, warn, error; default {@value #DEFAULT_LOG_LEVEL}
 *   <li>{@code plugin_directory} — an existing directory of plugin jars, optional
 *   <li>{@code killswitch.heartbeat.url}, {@code .interval}, {@code .timeout}, {@code .failures},
 *       {@code .rotate}, {@code .seal} — the dead-man heartbeat, optional (see {@link
 *       HeartbeatConfig})
 *   <li>{@code lease.revoke_workers}, {@code lease.max_revoke_attempts}, {@code
 *       lease.revoke_backoff_initial}, {@code lease.tick}, {@code lease.periodic_interval} — see
 *       {@link LeaseConfig}
 * </ul>
 *
 * <p>{@link #toString()} never shows a storage or seal option value: any of them may be secret.
 */
public final class CofferConfig {
  /** Default of {@code listener.address}. */
  public static final String DEFAULT_LISTENER_ADDRESS = "127.0.0.1:8200";

  /** Default of {@code listener.max_request_size}: 32 MiB, as Vault. */
  public static final long DEFAULT_MAX_REQUEST_SIZE = 33_554_432L;

  /** Default of {@code storage.type}. */
  public static final String DEFAULT_STORAGE_TYPE = "sqlite";

  /** Default of {@code seal.type}. */
  public static final String DEFAULT_SEAL_TYPE = "shamir";

  /** Default of {@code log_level}. */
  public static final String DEFAULT_LOG_LEVEL = "info";

  static final String LISTENER_ADDRESS = "listener.address";
  static final String LISTENER_TLS_CERT_FILE = "listener.tls_cert_file";
  static final String LISTENER_TLS_KEY_FILE = "listener.tls_key_file";
  static final String LISTENER_MAX_REQUEST_SIZE = "listener.max_request_size";
  static final String STORAGE_TYPE = "storage.type";
  static final String SEAL_TYPE = "seal.type";
  static final String LOG_LEVEL = "log_level";
  static final String PLUGIN_DIRECTORY = "plugin_directory";

  /** Every fixed key; {@code storage.*} and {@code seal.*} options come on top. */
  static final Set<String> KNOWN_KEYS =
      Set.of(
          LISTENER_ADDRESS,
          LISTENER_TLS_CERT_FILE,
          LISTENER_TLS_KEY_FILE,
          LISTENER_MAX_REQUEST_SIZE,
          STORAGE_TYPE,
          SEAL_TYPE,
          LOG_LEVEL,
          PLUGIN_DIRECTORY,
          LeaseConfig.REVOKE_WORKERS,
          LeaseConfig.MAX_REVOKE_ATTEMPTS,
          LeaseConfig.REVOKE_BACKOFF_INITIAL,
          LeaseConfig.TICK,
          LeaseConfig.PERIODIC_INTERVAL);

  private final ListenerConfig listener;
  private final String storageType;
  private final Map<String, String> storageOptions;
  private final String sealType;
  private final Map<String, String> sealOptions;
  private final LogLevel logLevel;
  private final Path pluginDirectory;
  private final HeartbeatConfig heartbeat;
  private final LeaseConfig lease;

  private CofferConfig(
      ListenerConfig listener,
      String storageType,
      Map<String, String> storageOptions,
      String sealType,
      Map<String, String> sealOptions,
      LogLevel logLevel,
      Path pluginDirectory,
      HeartbeatConfig heartbeat,
      LeaseConfig lease) {
    this.listener = listener;
    this.storageType = storageType;
    this.storageOptions = storageOptions;
    this.sealType = sealType;
    this.sealOptions = sealOptions;
    this.logLevel = logLevel;
    this.pluginDirectory = pluginDirectory;
    this.heartbeat = heartbeat;
    this.lease = lease;
  }

  /** A builder that starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configuration with every default. */
  public static CofferConfig defaults() {
    return builder().build();
  }

  /** The {@code listener} section. */
  public ListenerConfig listener() {
    return listener;
  }

  /** {@code storage.type}. */
  public String storageType() {
    return storageType;
  }

  /** The {@code storage.*} options other than {@code type}, unmodifiable. */
  public Map<String, String> storageOptions() {
    return storageOptions;
  }

  /** {@code seal.type}. */
  public String sealType() {
    return sealType;
  }

  /** The {@code seal.*} options other than {@code type}, unmodifiable. */
  public Map<String, String> sealOptions() {
    return sealOptions;
  }

  /** {@code log_level}. */
  public LogLevel logLevel() {
    return logLevel;
  }

  /** {@code plugin_directory}, if set. */
  public Optional<Path> pluginDirectory() {
    return Optional.ofNullable(pluginDirectory);
  }

  /** The killswitch's dead-man heartbeat, if {@code killswitch.heartbeat.url} is set. */
  public Optional<HeartbeatConfig> heartbeat() {
    return Optional.ofNullable(heartbeat);
  }

  /** The {@code lease} section. */
  public LeaseConfig lease() {
    return lease;
  }

  /** A copy of this configuration in a builder, to derive another one. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.set(LISTENER_ADDRESS, listener.address().toString());
    if (listener.tls()) {
      b.set(LISTENER_TLS_CERT_FILE, listener.tlsCertFile().toString());
      b.set(LISTENER_TLS_KEY_FILE, listener.tlsKeyFile().toString());
    }
    b.set(LISTENER_MAX_REQUEST_SIZE, Long.toString(listener.maxRequestSize()));
    b.storage(storageType, storageOptions);
    b.seal(sealType, sealOptions);
    b.set(LOG_LEVEL, logLevel.configName());
    if (pluginDirectory != null) {
      b.set(PLUGIN_DIRECTORY, pluginDirectory.toString());
    }
    if (heartbeat != null) {
      b.set(HeartbeatConfig.URL, heartbeat.url().toString());
      b.set(HeartbeatConfig.INTERVAL, heartbeat.interval().toMillis() + "ms");
      b.set(HeartbeatConfig.TIMEOUT, heartbeat.timeout().toMillis() + "ms");
      b.set(HeartbeatConfig.FAILURES, Integer.toString(heartbeat.failures()));
      b.set(HeartbeatConfig.ROTATE, Boolean.toString(heartbeat.rotate()));
      b.set(HeartbeatConfig.SEAL, Boolean.toString(heartbeat.seal()));
    }
    lease.toValues().forEach(b::set);
    return b;
  }

  /** Shows every setting but replaces each storage and seal option value with {@code ****}. */
  @Override
  public String toString() {
    return "CofferConfig[listener="
        + listener.address()
        + (listener.tls() ? " tls" : "")
        + ", max_request_size="
        + listener.maxRequestSize()
        + ", storage="
        + storageType
        + redacted(storageOptions)
        + ", seal="
        + sealType
        + redacted(sealOptions)
        + ", log_level="
        + logLevel.configName()
        + ", plugin_directory="
        + pluginDirectory
        + (heartbeat == null ? "" : ", killswitch.heartbeat=" + heartbeat.url())
        + "]";
  }

  private static String redacted(Map<String, String> options) {
    Map<String, String> shown = new TreeMap<>();
    options.keySet().forEach(k -> shown.put(k, "****"));
    return shown.toString();
  }

  /**
   * Collects values by key, then validates them all at once in {@link #build()}. Not thread-safe;
   * the {@link CofferConfig} it builds is.
   */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> storageOptions = new LinkedHashMap<>();
    private final Map<String, String> sealOptions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets one key by its configuration name, e.g. {@code listener.address} or {@code
     * storage.path}.
     *
     * @throws ConfigException if the key is unknown
     */
    public Builder set(String key, String value) {
      Objects.requireNonNull(value, key);
      if (KNOWN_KEYS.contains(key) || HeartbeatConfig.KEYS.contains(key)) {
        values.put(key, value);
      } else if (key.startsWith("storage.") && key.length() > "storage.".length()) {
        storageOptions.put(key.substring("storage.".length()), value);
      } else if (key.startsWith("seal.") && key.length() > "seal.".length()) {
        sealOptions.put(key.substring("seal.".length()), value);
      } else {
        throw ConfigException.unknownKey(key);
      }
      return this;
    }

    /** Sets {@code listener.address}. */
    public Builder listenerAddress(String address) {
      return set(LISTENER_ADDRESS, address);
    }

    /** Replaces the storage type and all its options. */
    public Builder storage(String type, Map<String, String> options) {
      storageOptions.clear();
      set(STORAGE_TYPE, type);
      options.forEach((k, v) -> set("storage." + k, v));
      return this;
    }

    /** Replaces the seal type and all its options. */
    public Builder seal(String type, Map<String, String> options) {
      sealOptions.clear();
      set(SEAL_TYPE, type);
      options.forEach((k, v) -> set("seal." + k, v));
      return this;
    }

    /** Sets {@code log_level}. */
    public Builder logLevel(String level) {
      return set(LOG_LEVEL, level);
    }

    /**
     * Validates every value and seals the result.
     *
     * @throws ConfigException naming the first invalid key
     */
    public CofferConfig build() {
      ListenerAddress address =
          ListenerAddress.parse(
              LISTENER_ADDRESS, values.getOrDefault(LISTENER_ADDRESS, DEFAULT_LISTENER_ADDRESS));
      Path cert = existingFile(LISTENER_TLS_CERT_FILE);
      Path key = existingFile(LISTENER_TLS_KEY_FILE);
      if ((cert == null) != (key == null)) {
        throw new ConfigException(
            "'"
                + LISTENER_TLS_CERT_FILE
                + "' and '"
                + LISTENER_TLS_KEY_FILE
                + "' must be set together (both for TLS, neither for plain HTTP)");
      }
      long maxRequestSize = maxRequestSize();
      String storageType = type(STORAGE_TYPE, DEFAULT_STORAGE_TYPE);
      String sealType = type(SEAL_TYPE, DEFAULT_SEAL_TYPE);
      LogLevel logLevel = LogLevel.parse(LOG_LEVEL, values.getOrDefault(LOG_LEVEL, "info"));
      Path pluginDirectory = pluginDirectory();
      return new CofferConfig(
          new ListenerConfig(address, cert, key, maxRequestSize),
          storageType,
          Collections.unmodifiableMap(new TreeMap<>(storageOptions)),
          sealType,
          Collections.unmodifiableMap(new TreeMap<>(sealOptions)),
          logLevel,
          pluginDirectory,
          HeartbeatConfig.from(values),
          LeaseConfig.from(values));
    }

    private long maxRequestSize() {
      String v = values.get(LISTENER_MAX_REQUEST_SIZE);
      if (v == null) {
        return DEFAULT_MAX_REQUEST_SIZE;
      }
      try {
        long size = Long.parseLong(v.trim());
        if (size > 0) {
          return size;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw ConfigException.invalid(
          LISTENER_MAX_REQUEST_SIZE, "expected a positive number of bytes");
    }

    private String type(String key, String fallback) {
      String v = values.getOrDefault(key, fallback).trim();
      if (v.isEmpty()) {
        throw ConfigException.invalid(key, "must not be empty");
      }
      return v;
    }

    private Path existingFile(String key) {
      Path p = path(key);
      if (p != null && !Files.isRegularFile(p)) {
        throw ConfigException.invalid(key, "file not found: " + p);
      }
      return p;
    }

    private Path pluginDirectory() {
      Path p = path(PLUGIN_DIRECTORY);
      if (p != null && !Files.isDirectory(p)) {
        throw ConfigException.invalid(PLUGIN_DIRECTORY, "directory not found: " + p);
      }
      return p;
    }

    private Path path(String key) {
      String v = values.get(key);
      if (v == null || v.isBlank()) {
        return null;
      }
      try {
        return Path.of(v.trim());
      } catch (InvalidPathException e) {
        throw ConfigException.invalid(key, "not a valid path");
      }
    }
  }
}
