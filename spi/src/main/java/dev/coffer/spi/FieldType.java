package dev.coffer.spi;

/**
 * The type of a request field declared in a {@link PathSpec}. The server converts incoming values
 * to this type before a handler sees them, accepting the same loose forms Vault accepts, and
 * answers 400 naming the field when a value cannot be converted.
 */
public enum FieldType {
  /** A string; numbers and booleans are turned into their text. */
  STRING,
  /** A whole number as {@link Long}; accepts JSON numbers and numeric strings. */
  INT,
  /** {@link Boolean}; accepts {@code true/false} and the strings {@code "true"/"false"}. */
  BOOL,
  /**
   * A duration as {@link java.time.Duration}; accepts seconds as a number or string, and Go-style
   * strings such as {@code "1h30m"} or {@code "10s"}.
   */
  DURATION,
  /** A JSON object as {@code Map<String, Object>}. */
  MAP,
  /** A JSON object whose values are all strings, as {@code Map<String, String>}. */
  STRING_MAP,
  /** A list of strings; also accepts one comma-separated string. */
  STRING_LIST,
  /** A list of whole numbers as {@code List<Long>}; also accepts one comma-separated string. */
  INT_LIST,
  /** Any JSON value, passed through unchanged. */
  ANY
}
