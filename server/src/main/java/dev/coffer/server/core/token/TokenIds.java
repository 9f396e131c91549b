package dev.coffer.server.core.token;

import java.security.SecureRandom;

/**
 * Generates token ids and accessors. Token ids are {@code cfs.} followed by 32 random base62
 * characters (about 190 bits), a shape secret scanners can recognise.
 */
public final class TokenIds {
  /** The prefix of every generated token id. */
  public static final String PREFIX = "cfs.";

  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenIds() {}

  /** A new token id. */
  public static String newTokenId() {
    return PREFIX + base62(32);
  }

  /** A new accessor: 24 random base62 characters. */
  public static String newAccessor() {
    return base62(24);
  }

  static String base62(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return b.toString();
  }
}
