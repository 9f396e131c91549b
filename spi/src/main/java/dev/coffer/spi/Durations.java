package dev.coffer.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way Vault does: {@code "90"}, {@code "1h30m"}, {@code "10s"}. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses seconds ({@code "30"}) or a Go-style duration ({@code "1h2m3s"}, {@code "500ms"}, and
   * {@code "7d"} for days).
   *
   * @throws IllegalArgumentException if the text is not a duration
   */
  public static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (s.chars().allMatch(Character::isDigit)) {
      return Duration.ofSeconds(Long.parseLong(s));
    }
    Matcher m = PART.matcher(s);
    int pos = 0;
    long nanos = 0;
    while (m.find() && m.start() == pos) {
      double n = Double.parseDouble(m.group(1));
      double unit =
          switch (m.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> 86400e9;
          };
      nanos = Math.addExact(nanos, (long) (n * unit));
      pos = m.end();
    }
    if (pos != s.length()) {
      throw new IllegalArgumentException("invalid duration '" + text + "'");
    }
    return Duration.ofNanos(nanos);
  }

  /** Prints a duration as Vault does, e.g. {@code "1h30m0s"}, {@code "0s"}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long total = d.getSeconds();
    long h = total / 3600;
    long m = (total % 3600) / 60;
    long s = total % 60;
    StringBuilder b = new StringBuilder();
    if (h > 0) {
      b.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      b.append(m).append('m');
    }
    b.append(s).append('s');
    return b.toString();
  }
}
