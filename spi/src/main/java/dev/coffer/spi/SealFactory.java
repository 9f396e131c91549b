package dev.coffer.spi;

import java.util.Map;
import java.util.Set;

/** Creates a {@link Seal} of one type from the {@code seal} configuration. */
@Experimental("seals wait for the cloud KMS seals")
public interface SealFactory {

  /** The type name used in configuration, e.g. {@code shamir} or {@code static}. */
  String type();

  /**
   * Creates the seal; fails fast with a message naming the key on bad configuration. Never returns
   * {@code null}.
   *
   * @param config the seal section without {@code type}
   * @throws IllegalArgumentException for bad configuration
   */
  Seal create(Map<String, String> config);

  /** Configuration keys whose values are secret and must never be logged. */
  default Set<String> sensitiveKeys() {
    return Set.of();
  }
}
