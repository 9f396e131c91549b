package dev.coffer.backend.local.kv;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as Vault prints them: RFC 3339 in UTC with up to nine fraction digits, zeros trimmed. */
final class KvTime {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private KvTime() {}

  /** {@code 2018-03-22T02:24:06.945319214Z}, or {@code ""} for {@code null} as Vault does. */
  static String format(Instant t) {
    if (t == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(SECONDS.format(t));
    if (t.getNano() != 0) {
      String digits = Integer.toString(t.getNano());
      String fraction = "0".repeat(9 - digits.length()) + digits;
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      b.append('.').append(fraction, 0, end);
    }
    return b.append('Z').toString();
  }

  /** Parses what {@link #format} wrote; {@code null} or {@code ""} is no time. */
  static Instant parse(String text) {
    return text == null || text.isEmpty() ? null : Instant.parse(text);
  }
}
