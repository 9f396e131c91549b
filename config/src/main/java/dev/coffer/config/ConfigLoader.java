package dev.coffer.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the configuration: defaults, then the YAML file, then {@code COFFER_*} environment
 * variables (see {@link EnvironmentOverrides} for the rules), validated once.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Loads and validates the configuration.
   *
   * @param file the YAML file, or {@code null} for defaults and environment only
   * @param env the environment, e.g. {@link System#getenv()}
   * @throws ConfigException naming the key, variable, or file line at fault
   */
  public static CofferConfig load(Path file, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    if (file != null) {
      values.putAll(YamlConfigReader.read(file));
    }
    values.putAll(EnvironmentOverrides.read(env));
    CofferConfig.Builder builder = CofferConfig.builder();
    values.forEach(builder::set);
    return builder.build();
  }
}
