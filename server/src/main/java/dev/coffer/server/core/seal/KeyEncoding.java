package dev.coffer.server.core.seal;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Reads keys written as hex (as {@code sys/init} prints them) or base64. */
public final class KeyEncoding {
  private KeyEncoding() {}

  /**
   * Decodes hex (even length, any case) or standard/URL-safe base64. Hex wins when the text is
   * valid hex.
   *
   * @return the bytes, or empty if the text is neither
   */
  public static Optional<byte[]> decode(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (s.length() % 2 == 0 && s.chars().allMatch(KeyEncoding::isHexDigit)) {
      return Optional.of(HexFormat.of().parseHex(s));
    }
    try {
      return Optional.of(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      try {
        return Optional.of(Base64.getUrlDecoder().decode(s));
      } catch (IllegalArgumentException e2) {
        return Optional.empty();
      }
    }
  }

  /** Lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Standard base64. */
  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
