package dev.coffer.server.core.audit;

import dev.coffer.server.core.AuditTrail;
import dev.coffer.server.core.AuditedCall;
import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.barrier.AesGcm;
import dev.coffer.server.core.wrapping.WrapInfo;
import dev.coffer.spi.AuditSinkFactory;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Response;
import dev.coffer.spi.Storage;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The audit trail of the core: the enabled devices, stored in the barrier ({@code core/audit}) and
 * reopened on unseal, and the per-path {@link AccessLog}. Fails closed: with at least one device
 * enabled, a request that no device recorded is refused before it is served.
 *
 * <p>Routing reads an immutable snapshot of the devices; enable, disable, load and close are
 * serialised.
 */
public final class AuditBroker implements AuditTrail {
  private static final System.Logger LOG = System.getLogger(AuditBroker.class.getName());
  private static final int SALT_BYTES = 32;

  private final Storage storage;
  private final PluginRegistry plugins;
  private final Clock clock;
  private final AccessLog accessLog;
  private volatile Map<String, AuditDevice> devices = Map.of();

  /**
   * A broker with no devices yet.
   *
   * @param storage the barrier's root storage (device table and access log)
   * @param plugins where sink types are found
   * @param clock the clock of every entry
   */
  public AuditBroker(Storage storage, PluginRegistry plugins, Clock clock) {
    this.storage = storage;
    this.plugins = plugins;
    this.clock = clock;
    this.accessLog = new AccessLog(storage);
  }

  /** The per-path access history this broker records. */
  public AccessLog accessLog() {
    return accessLog;
  }

  @Override
  public void request(AuditedCall call) {
    Map<String, AuditDevice> current = devices;
    if (current.isEmpty()) {
      return;
    }
    int recorded = 0;
    for (AuditDevice d : current.values()) {
      if (d.write(d.entries().request(call))) {
        recorded++;
      }
    }
    if (recorded == 0) {
      throw new CofferException(ErrorCode.INTERNAL, "no audit device could record the request");
    }
  }

  @Override
  public void response(AuditedCall call, Response response, CofferException error) {
    response(call, response, null, error);
  }

  /**
   * Records the outcome of a request whose response may have been wrapped: then {@code wrap} is
   * recorded as {@code wrap_info} with its token and accessors hashed, and {@code response} is
   * {@code null}.
   */
  public void response(AuditedCall call, Response response, WrapInfo wrap, CofferException error) {
    for (AuditDevice d : devices.values()) {
      d.write(d.entries().response(call, response, wrap, error, clock.instant()));
    }
    accessLog.record(call, error, clock.instant());
  }

  /**
   * Records a warning on every device, best effort: a warning never fails a request.
   *
   * @param kind what happened, e.g. {@code read_anomaly}
   * @param accessor the token accessor concerned (hashed per device unless configured otherwise)
   * @param fields details that are never secret values
   */
  public void warning(String kind, String accessor, Map<String, Object> fields) {
    for (AuditDevice d : devices.values()) {
      d.write(d.entries().warning(kind, accessor, fields, clock.instant()));
    }
  }

  /** Opens every stored device (after unseal); a device that cannot open is marked down. */
  public synchronized void load() {
    Map<String, AuditDevice> next = new TreeMap<>();
    for (AuditDeviceConfig config : AuditTable.load(storage)) {
      Optional<AuditSinkFactory> factory = plugins.auditSink(config.type());
      if (factory.isEmpty()) {
        LOG.log(
            System.Logger.Level.ERROR,
            "audit device " + config.path() + " has unknown type " + config.type());
        continue;
      }
      AuditDevice d = new AuditDevice(config, factory.get(), clock);
      try {
        d.open();
      } catch (IOException | RuntimeException e) {
        d.markDown(e);
      }
      next.put(config.path(), d);
    }
    devices = Collections.unmodifiableMap(next);
  }

  /** Closes every device (before seal). */
  public synchronized void closeAll() {
    Map<String, AuditDevice> old = devices;
    devices = Map.of();
    old.values().forEach(AuditDevice::close);
  }

  /**
   * Enables a device as {@code PUT sys/audit/:path} does; it must open and record its first line.
   *
   * @throws CofferException 400 for a used path, an unknown type, bad options or a sink that cannot
   *     write
   */
  public synchronized void enable(
      String rawPath, String rawType, String description, Map<String, String> options) {
    String path = normalize(rawPath);
    if (devices.containsKey(path)) {
      throw CofferException.invalid("path already in use");
    }
    String type = rawType == null ? "" : rawType.trim();
    if (type.isEmpty()) {
      throw CofferException.invalid("audit device type must be specified");
    }
    AuditSinkFactory factory =
        plugins
            .auditSink(type)
            .orElseThrow(
                () -> CofferException.invalid("unknown audit device type \"" + type + "\""));
    Map<String, String> opts = options == null ? Map.of() : options;
    if ("true".equalsIgnoreCase(opts.getOrDefault("log_raw", "false").trim())) {
      throw CofferException.invalid(
          "log_raw is not supported: Coffer never writes secret values in clear");
    }
    checkFileNotShared(type, opts);
    AuditDeviceConfig config =
        new AuditDeviceConfig(path, type, description, opts, AesGcm.randomBytes(SALT_BYTES));
    AuditDevice device = new AuditDevice(config, factory, clock);
    try {
      device.open();
    } catch (IllegalArgumentException e) {
      throw CofferException.invalid(e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw CofferException.invalid(
          "sanity check failed; unable to open audit device " + path + ": " + e.getMessage());
    }
    List<AuditDeviceConfig> table = configs();
    table.add(config);
    try {
      AuditTable.save(storage, table);
    } catch (RuntimeException e) {
      device.close();
      throw e;
    }
    Map<String, AuditDevice> next = new TreeMap<>(devices);
    next.put(path, device);
    devices = Collections.unmodifiableMap(next);
  }

  /** Disables the device at {@code path}; nothing happens if there is none. */
  public synchronized void disable(String rawPath) {
    String path = normalize(rawPath);
    AuditDevice d = devices.get(path);
    if (d == null) {
      return;
    }
    List<AuditDeviceConfig> table = configs();
    table.removeIf(c -> c.path().equals(path));
    AuditTable.save(storage, table);
    Map<String, AuditDevice> next = new TreeMap<>(devices);
    next.remove(path);
    devices = Collections.unmodifiableMap(next);
    d.close();
  }

  /** Each enabled device's path and whether it can record entries now. */
  public Map<String, Boolean> deviceHealth() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (AuditDevice d : devices.values()) {
      out.put(d.config().path(), d.failure().isEmpty());
    }
    return out;
  }

  /** The devices as {@code GET sys/audit} lists them, each with its status. */
  public Map<String, Object> list() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (AuditDevice d : devices.values()) {
      Map<String, Object> row = d.config().toApi();
      row.put("status", d.failure().isPresent() ? "down" : "ok");
      d.failure().ifPresent(f -> row.put("error", f));
      d.downSince().ifPresent(t -> row.put("down_since", t.toString()));
      out.put(d.config().path(), row);
    }
    return out;
  }

  /** The paths of the devices that are down, for {@code sys/health}. */
  public List<String> devicesDown() {
    List<String> down = new ArrayList<>();
    for (AuditDevice d : devices.values()) {
      if (d.failure().isPresent()) {
        down.add(d.config().path());
      }
    }
    return down;
  }

  /**
   * Hashes {@code input} as the device at {@code path} does ({@code sys/audit-hash}).
   *
   * @throws CofferException 400 if no device is enabled there
   */
  public String hash(String rawPath, String input) {
    AuditDevice d = devices.get(normalize(rawPath));
    if (d == null) {
      throw CofferException.invalid("unknown audit backend");
    }
    return new AuditHasher(d.config().salt()).hash(input);
  }

  /** A device path with one trailing slash and no leading one, e.g. {@code file/}. */
  static String normalize(String raw) {
    String p = raw == null ? "" : raw.trim();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty() || p.contains("//")) {
      throw CofferException.invalid("invalid audit device path \"" + p + "/\"");
    }
    return p + "/";
  }

  private List<AuditDeviceConfig> configs() {
    List<AuditDeviceConfig> out = new ArrayList<>();
    devices.values().forEach(d -> out.add(d.config()));
    return out;
  }

  private void checkFileNotShared(String type, Map<String, String> options) {
    String file = options.get("file_path");
    if (!"file".equals(type) || file == null || file.equals("stdout") || file.equals("discard")) {
      return;
    }
    for (AuditDevice d : devices.values()) {
      if ("file".equals(d.config().type()) && file.equals(d.config().options().get("file_path"))) {
        throw CofferException.invalid(
            "file_path " + file + " is already used by audit device " + d.config().path());
      }
    }
  }
}
