package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import java.math.BigDecimal;
import java.util.Map;

/** The {@code options.cas} rule of KV v2 writes, with Vault's messages. */
final class CheckAndSet {
  static final String MISMATCH = "check-and-set parameter did not match the current version";
  static final String REQUIRED = "check-and-set parameter required for this call";

  private CheckAndSet() {}

  /**
   * Passes if {@code options.cas} equals the secret's current version (0 for a new secret), or if
   * no {@code cas} is given and neither the mount nor the secret requires one.
   */
  static void verify(Map<String, Object> options, KvConfig config, KeyMetadata metadata) {
    if (options != null && options.containsKey("cas")) {
      if (parse(options.get("cas")) != metadata.currentVersion) {
        throw CofferException.invalid(MISMATCH);
      }
    } else if (config.casRequired || metadata.casRequired) {
      throw CofferException.invalid(REQUIRED);
    }
  }

  private static long parse(Object raw) {
    try {
      if (raw == null) {
        return 0;
      }
      if (raw instanceof Number n) {
        return new BigDecimal(n.toString()).longValueExact();
      }
      if (raw instanceof String s) {
        return s.isBlank() ? 0 : Long.parseLong(s.trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // falls through to the error below
    }
    throw CofferException.invalid("error parsing check-and-set parameter");
  }
}
