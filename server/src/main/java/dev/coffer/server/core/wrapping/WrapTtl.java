package dev.coffer.server.core.wrapping;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Durations;
import java.time.Duration;

/**
 * The {@code X-Vault-Wrap-TTL} header: seconds ({@code "60"}) or a Go duration ({@code "5m"}),
 * between {@link #MIN} and {@link #MAX}; {@code "0"} asks for no wrapping. A policy's {@code
 * min_wrapping_ttl}/{@code max_wrapping_ttl} narrow the range further at authorization.
 */
public final class WrapTtl {
  /** The shortest wrapping TTL. */
  public static final Duration MIN = Duration.ofSeconds(1);

  /** The longest wrapping TTL: the system maximum TTL, 768h. */
  public static final Duration MAX = Duration.ofHours(768);

  private WrapTtl() {}

  /**
   * Parses the header value.
   *
   * @param header the header value, or {@code null} when absent
   * @return the TTL, or {@code null} for no wrapping (no header, blank, or zero)
   * @throws CofferException 400 for a value that is not a duration or is out of range
   */
  public static Duration parse(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    Duration ttl;
    try {
      ttl = Durations.parse(header);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw CofferException.invalid("error parsing the wrap TTL header: invalid duration");
    }
    if (ttl.isZero()) {
      return null;
    }
    check(ttl);
    return ttl;
  }

  /**
   * Refuses a TTL out of range.
   *
   * @throws CofferException 400 below {@link #MIN} or above {@link #MAX}
   */
  public static void check(Duration ttl) {
    if (ttl.compareTo(MIN) < 0) {
      throw CofferException.invalid("wrapping TTL must be at least 1s");
    }
    if (ttl.compareTo(MAX) > 0) {
      throw CofferException.invalid("wrapping TTL must be at most 768h");
    }
  }
}
