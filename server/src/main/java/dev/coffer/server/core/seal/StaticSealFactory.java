package dev.coffer.server.core.seal;

import dev.coffer.spi.ConfigMap;
import dev.coffer.spi.Seal;
import dev.coffer.spi.SealFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Creates the {@code static} seal. Exactly one of {@code key} (the key itself), {@code key_env} (an
 * environment variable holding it) or {@code key_path} (a file holding it) names the key; {@code
 * generate: true} creates a missing key file. The key is 32 bytes as 64 hex characters or base64.
 * Messages name the configuration key, never the key's value.
 */
public final class StaticSealFactory implements SealFactory {
  private static final Set<String> KEYS = Set.of("key", "key_env", "key_path", "generate");

  private final Function<String, String> environment;

  /** A factory reading the process environment. */
  public StaticSealFactory() {
    this(System::getenv);
  }

  /** A factory reading variables from {@code environment} (for tests). */
  public StaticSealFactory(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public String type() {
    return StaticSeal.TYPE;
  }

  @Override
  public Set<String> sensitiveKeys() {
    return Set.of("key");
  }

  @Override
  public Seal create(Map<String, String> config) {
    ConfigMap c = ConfigMap.of("seal", config, KEYS);
    int sources = (c.has("key") ? 1 : 0) + (c.has("key_env") ? 1 : 0) + (c.has("key_path") ? 1 : 0);
    if (sources != 1) {
      throw new IllegalArgumentException(
          "the static seal needs exactly one of '"
              + c.name("key")
              + "', '"
              + c.name("key_env")
              + "' or '"
              + c.name("key_path")
              + "'");
    }
    boolean generate = c.bool("generate", false);
    if (generate && !c.has("key_path")) {
      throw new IllegalArgumentException(
          "'" + c.name("generate") + "' needs '" + c.name("key_path") + "'");
    }
    byte[] key;
    if (c.has("key")) {
      key = parse(c.required("key"), "invalid value for '" + c.name("key") + "'");
    } else if (c.has("key_env")) {
      String variable = c.required("key_env");
      String value = environment.apply(variable);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(
            "environment variable '"
                + variable
                + "' named by '"
                + c.name("key_env")
                + "' is not set");
      }
      key =
          parse(
              value,
              "invalid key in environment variable '"
                  + variable
                  + "' named by '"
                  + c.name("key_env")
                  + "'");
    } else {
      Path file = Path.of(c.required("key_path"));
      byte[] text = KeyFile.read(file, generate, c.name("key_path"));
      try {
        key =
            parse(
                new String(text, StandardCharsets.US_ASCII),
                "invalid key in file named by '" + c.name("key_path") + "'");
      } finally {
        Arrays.fill(text, (byte) 0);
      }
    }
    try {
      return new StaticSeal(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] parse(String text, String problem) {
    byte[] key = KeyEncoding.decode(text).orElse(null);
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException(
          problem + ": expected 32 bytes as 64 hex characters or base64");
    }
    return key;
  }
}
