package dev.coffer.spi;

import java.util.Set;

/** Creates a {@link SecretsEngine} of one type for each mount of that type. */
public interface SecretsEngineFactory {

  /** The type name used when mounting, e.g. {@code kv}. */
  String type();

  /**
   * Creates the engine for one mount. Fails fast, with a message naming the option, on invalid
   * mount options. Never returns {@code null}.
   *
   * @throws CofferException with {@link ErrorCode#INVALID_REQUEST} for bad options
   */
  SecretsEngine create(MountContext context);

  /** Option keys whose values are secret and must never be logged or shown. */
  default Set<String> sensitiveKeys() {
    return Set.of();
  }
}
