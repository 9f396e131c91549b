package dev.coffer.server.core.audit;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One enabled audit device as stored in the device table: where it is enabled, its sink type and
 * options, and its random salt (secret, stored only inside the barrier).
 *
 * @param path where it is enabled, with a trailing {@code /} (e.g. {@code file/})
 * @param type the sink type, e.g. {@code file}
 * @param description what it is for
 * @param options the sink's options as given (strings)
 * @param salt the HMAC key of the device's hashes (secret)
 */
public record AuditDeviceConfig(
    String path, String type, String description, Map<String, String> options, byte[] salt) {

  public AuditDeviceConfig {
    options = Collections.unmodifiableMap(new TreeMap<>(options == null ? Map.of() : options));
    salt = salt.clone();
    description = description == null ? "" : description;
  }

  /** The salt (a copy). */
  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /** The public id of the salt, written in chain headers. */
  public String saltId() {
    return AuditChain.saltId(salt);
  }

  /** Whether token accessors are hashed ({@code hmac_accessor}, default {@code true}). */
  public boolean hmacAccessor() {
    return !"false".equalsIgnoreCase(options.getOrDefault("hmac_accessor", "true").trim());
  }

  /** The stored form, salt included. */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("type", type);
    m.put("description", description);
    m.put("options", options);
    m.put("salt", Base64.getEncoder().encodeToString(salt));
    return m;
  }

  @SuppressWarnings("unchecked")
  static AuditDeviceConfig fromJson(Map<String, Object> m) {
    return new AuditDeviceConfig(
        (String) m.get("path"),
        (String) m.get("type"),
        (String) m.get("description"),
        (Map<String, String>) m.get("options"),
        Base64.getDecoder().decode((String) m.get("salt")));
  }

  /** The row of {@code GET sys/audit}, as Vault shows it (no salt). */
  Map<String, Object> toApi() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("description", description);
    m.put("options", options);
    m.put("local", false);
    m.put("path", path);
    return m;
  }

  @Override
  public String toString() {
    return "AuditDeviceConfig[" + path + " " + type + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditDeviceConfig c && c.path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }
}
