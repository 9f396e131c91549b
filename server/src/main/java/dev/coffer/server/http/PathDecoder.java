package dev.coffer.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decodes a raw URL path exactly once, as Go's {@code net/url} does for Vault: {@code %2F}
 * becomes {@code /}, {@code %2e%2e} becomes {@code ..} (the core rejects it), and {@code +} stays
 * {@code +}.
 */
final class PathDecoder {
  private PathDecoder() {}

  /**
   * Decodes {@code raw}.
   *
   * @throws HttpFailure 400 for a malformed escape or bytes that are not UTF-8
   */
  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw invalidEscape();
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw invalidEscape();
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HttpFailure(400, "invalid URL path: not UTF-8");
    }
  }

  private static HttpFailure invalidEscape() {
    return new HttpFailure(400, "invalid URL escape in path");
  }
}
