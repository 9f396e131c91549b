package dev.coffer.server.core.mfa;

import dev.coffer.spi.CofferException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A TOTP MFA method ({@code identity/mfa/method/totp}): how secrets are made and codes checked.
 *
 * @param id the method id (a UUID)
 * @param name an optional unique name
 * @param issuer the issuer shown by authenticator apps
 * @param period the time step in seconds
 * @param keySize the secret's length in bytes
 * @param qrSize the QR code's size in pixels (kept for Vault's API; no image is drawn)
 * @param algorithm the HMAC
 * @param digits 6 or 8
 * @param skew how many steps before and after now are accepted (0 or 1)
 * @param maxValidationAttempts consecutive wrong codes before validation pauses
 */
record TotpMethod(
    String id,
    String name,
    String issuer,
    int period,
    int keySize,
    int qrSize,
    TotpAlgorithm algorithm,
    int digits,
    int skew,
    int maxValidationAttempts) {
  /** Vault's default period. */
  static final int DEFAULT_PERIOD = 30;

  /** Vault's default key size. */
  static final int DEFAULT_KEY_SIZE = 20;

  /** Vault's default QR size. */
  static final int DEFAULT_QR_SIZE = 200;

  /** Vault's default digits. */
  static final int DEFAULT_DIGITS = 6;

  /** Vault's default skew. */
  static final int DEFAULT_SKEW = 1;

  /** Vault's default attempts. */
  static final int DEFAULT_MAX_VALIDATION_ATTEMPTS = 5;

  TotpMethod {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name;
    if (issuer == null || issuer.isBlank()) {
      throw CofferException.invalid("issuer must be set");
    }
    if (period < 1 || period > 3600) {
      throw CofferException.invalid("period must be between 1 second and 1 hour");
    }
    if (keySize < 10 || keySize > 256) {
      throw CofferException.invalid("key_size must be between 10 and 256 bytes");
    }
    if (digits != 6 && digits != 8) {
      throw CofferException.invalid("digits can only be 6 or 8");
    }
    if (skew != 0 && skew != 1) {
      throw CofferException.invalid("skew can only be 0 or 1");
    }
    if (maxValidationAttempts < 1) {
      throw CofferException.invalid("max_validation_attempts must be at least 1");
    }
  }

  /** As {@code GET identity/mfa/method/totp/:id} shows it. */
  Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("type", "totp");
    m.put("mount_accessor", "");
    m.put("namespace_id", "root");
    m.put("issuer", issuer);
    m.put("period", period);
    m.put("key_size", keySize);
    m.put("qr_size", qrSize);
    m.put("algorithm", algorithm.name());
    m.put("digits", digits);
    m.put("skew", skew);
    m.put("max_validation_attempts", maxValidationAttempts);
    return m;
  }

  Map<String, Object> toJson() {
    return view();
  }

  static TotpMethod fromJson(Map<String, Object> m) {
    return new TotpMethod(
        (String) m.get("id"),
        (String) m.get("name"),
        (String) m.get("issuer"),
        num(m, "period"),
        num(m, "key_size"),
        num(m, "qr_size"),
        TotpAlgorithm.of((String) m.get("algorithm")),
        num(m, "digits"),
        num(m, "skew"),
        num(m, "max_validation_attempts"));
  }

  private static int num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).intValue();
  }
}
