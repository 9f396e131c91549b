package dev.coffer.server.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses the instants Coffer stores ({@link Instant#toString()}: {@code
 * 2026-12-02T13:50:35.980710135Z}) without the general {@code DateTimeFormatter} machinery, which
 * cost more than the rest of reading a token entry. Anything else ISO-8601 allows goes to {@link
 * Instant#parse}, which also decides what is invalid.
 */
public final class IsoInstant {
  private static final int SECONDS_END = 19; // yyyy-MM-ddTHH:mm:ss

  private IsoInstant() {}

  /** The instant {@code text} names, exactly as {@link Instant#parse} would read it. */
  public static Instant parse(CharSequence text) {
    Instant fast = parseCanonical(text);
    return fast != null ? fast : Instant.parse(text);
  }

  private static Instant parseCanonical(CharSequence t) {
    int n = t.length();
    if (n < SECONDS_END + 1
        || t.charAt(n - 1) != 'Z'
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return null;
    }
    if (second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > SECONDS_END + 1) {
      int digitsEnd = n - 1;
      int count = digitsEnd - (SECONDS_END + 1);
      if (t.charAt(SECONDS_END) != '.' || count < 1 || count > 9) {
        return null;
      }
      int fraction = digits(t, SECONDS_END + 1, digitsEnd);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    long days;
    try {
      days = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The number the digits in {@code [from, to)} spell, or -1 if any is not a digit. */
  private static int digits(CharSequence t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
