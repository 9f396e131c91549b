package dev.coffer.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns {@code COFFER_*} environment variables into configuration keys.
 *
 * <ul>
 *   <li>{@code COFFER_LISTENER_ADDRESS}, {@code COFFER_LISTENER_TLS_CERT_FILE}, {@code
 *       COFFER_LISTENER_TLS_KEY_FILE}, {@code COFFER_LISTENER_MAX_REQUEST_SIZE}, {@code
 *       COFFER_LOG_LEVEL}, {@code COFFER_PLUGIN_DIRECTORY} set the key of the same name.
 *   <li>{@code COFFER_STORAGE_TYPE} / {@code COFFER_SEAL_TYPE} set the type; {@code
 *       COFFER_STORAGE_<OPTION>} / {@code COFFER_SEAL_<OPTION>} set {@code storage.<option>} /
 *       {@code seal.<option>} with the option name lower-cased.
 *   <li>{@code *_FILE} indirection: {@code COFFER_X_FILE=/path} sets the key of {@code COFFER_X} to
 *       the trimmed content of {@code /path} — except when the whole name is itself a key ({@code
 *       COFFER_LISTENER_TLS_CERT_FILE}, {@code COFFER_LISTENER_TLS_KEY_FILE}, which hold paths).
 *       This is unambiguous because no storage or seal option name ends in {@code _file}. Setting
 *       both {@code COFFER_X} and {@code COFFER_X_FILE} is an error.
 *   <li>Other {@code COFFER_*} variables ({@code COFFER_ADDR}, {@code COFFER_TOKEN}, ...) belong to
 *       the client and are ignored; an unknown {@code COFFER_LISTENER_*} is an error.
 * </ul>
 */
final class EnvironmentOverrides {
  private static final String PREFIX = "COFFER_";
  private static final String FILE_SUFFIX = "_FILE";

  private EnvironmentOverrides() {}

  /**
   * The configuration keys the environment sets, sorted by variable name.
   *
   * @throws ConfigException for an unknown listener variable, a conflicting pair, or an unreadable
   *     {@code *_FILE}
   */
  static Map<String, String> read(Map<String, String> env) {
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, String> setBy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      String key = keyOf(name);
      String value = e.getValue();
      if (key == null && name.endsWith(FILE_SUFFIX)) {
        String target = name.substring(0, name.length() - FILE_SUFFIX.length());
        key = keyOf(target);
        if (key != null) {
          value = readFile(key, name, value);
        }
      }
      if (key == null) {
        if (name.startsWith(PREFIX + "LISTENER_")) {
          throw new ConfigException("unknown configuration environment variable '" + name + "'");
        }
        continue;
      }
      String previous = setBy.put(key, name);
      if (previous != null) {
        throw new ConfigException(
            "'" + key + "' is set by both " + previous + " and " + name + "; set only one");
      }
      keys.put(key, value);
    }
    return keys;
  }

  /** The key a variable names directly, or {@code null}. */
  private static String keyOf(String name) {
    String rest = name.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    if (rest.startsWith("listener_")) {
      String key = "listener." + rest.substring("listener_".length());
      return CofferConfig.KNOWN_KEYS.contains(key) ? key : null;
    }
    if (rest.startsWith("lease_")) {
      String key = "lease." + rest.substring("lease_".length());
      return CofferConfig.KNOWN_KEYS.contains(key) ? key : null;
    }
    if (rest.equals(CofferConfig.LOG_LEVEL) || rest.equals(CofferConfig.PLUGIN_DIRECTORY)) {
      return rest;
    }
    for (String section : new String[] {"storage", "seal"}) {
      String p = section + "_";
      if (rest.startsWith(p) && rest.length() > p.length() && !rest.endsWith("_file")) {
        return section + "." + rest.substring(p.length());
      }
    }
    return null;
  }

  private static String readFile(String key, String variable, String path) {
    try {
      return Files.readString(Path.of(path.trim()), StandardCharsets.UTF_8).trim();
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          "cannot read the file named by " + variable + " for '" + key + "': " + path.trim());
    }
  }
}
