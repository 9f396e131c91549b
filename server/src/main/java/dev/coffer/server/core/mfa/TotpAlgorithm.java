package dev.coffer.server.core.mfa;

import dev.coffer.spi.CofferException;
import java.util.Locale;

/** The HMAC a TOTP method uses (RFC 6238 allows SHA-1, SHA-256 and SHA-512). */
enum TotpAlgorithm {
  SHA1("HmacSHA1"),
  SHA256("HmacSHA256"),
  SHA512("HmacSHA512");

  private final String mac;

  TotpAlgorithm(String mac) {
    this.mac = mac;
  }

  /** The JCA name of the HMAC. */
  String mac() {
    return mac;
  }

  /**
   * @throws CofferException 400 for another name
   */
  static TotpAlgorithm of(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT).replace("-", "");
    for (TotpAlgorithm a : values()) {
      if (a.name().equals(n)) {
        return a;
      }
    }
    throw CofferException.invalid("invalid algorithm \"" + name + "\": use SHA1, SHA256 or SHA512");
  }
}
