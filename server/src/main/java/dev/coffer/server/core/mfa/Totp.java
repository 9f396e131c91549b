package dev.coffer.server.core.mfa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 time-based one-time passwords (HOTP of RFC 4226 over a time step counter). */
final class Totp {
  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private Totp() {}

  /** The time step of {@code at} for a period of {@code periodSeconds} (T0 = the Unix epoch). */
  static long step(Instant at, long periodSeconds) {
    return Math.floorDiv(at.getEpochSecond(), periodSeconds);
  }

  /** The code of {@code step}, zero-padded to {@code digits}. */
  static String code(byte[] key, long step, int digits, TotpAlgorithm algorithm) {
    byte[] hash;
    try {
      Mac mac = Mac.getInstance(algorithm.mac());
      mac.init(new SecretKeySpec(key, algorithm.mac()));
      hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm.mac() + " unavailable", e);
    }
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    String s = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - s.length()) + s;
  }

  /**
   * The step within {@code skew} steps of {@code current} whose code is {@code given}, or -1. Every
   * step of the window is computed and compared in constant time, whichever matches.
   */
  static long matchingStep(
      byte[] key, long current, int skew, int digits, TotpAlgorithm algorithm, String given) {
    byte[] g = given.getBytes(StandardCharsets.US_ASCII);
    long found = -1;
    for (long s = current - skew; s <= current + skew; s++) {
      byte[] expected = code(key, s, digits, algorithm).getBytes(StandardCharsets.US_ASCII);
      boolean equal = MessageDigest.isEqual(expected, g);
      found = equal && found < 0 ? s : found;
    }
    return found;
  }
}
