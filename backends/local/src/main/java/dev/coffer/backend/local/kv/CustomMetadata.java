package dev.coffer.backend.local.kv;

import dev.coffer.spi.CofferException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses and checks a secret's {@code custom_metadata} as Vault does: at most {@value #MAX_KEYS}
 * keys, keys of 1 to {@value #MAX_KEY_BYTES} bytes, values of 1 to {@value #MAX_VALUE_BYTES} bytes,
 * all printable. Numbers and booleans are accepted and stored as text. Failures read as Vault's,
 * every problem in one multi-error message.
 */
final class CustomMetadata {
  static final int MAX_KEYS = 64;
  static final int MAX_KEY_BYTES = 128;
  static final int MAX_VALUE_BYTES = 512;
  static final String PREFIX = "custom_metadata validation failed";

  private CustomMetadata() {}

  /**
   * Reads the raw field as a map of strings. With {@code keepNulls} (PATCH) a {@code null} value is
   * kept, meaning "remove this key", and is not validated.
   */
  static Map<String, String> parse(Object raw, boolean keepNulls) {
    if (!(raw instanceof Map<?, ?> m)) {
      throw CofferException.invalid(
          "error converting input for field \"custom_metadata\": expected an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object v = e.getValue();
      String key = String.valueOf(e.getKey());
      if (v == null) {
        out.put(key, keepNulls ? null : "");
      } else if (v instanceof String s) {
        out.put(key, s);
      } else if (v instanceof Number n) {
        out.put(key, new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
      } else if (v instanceof Boolean b) {
        out.put(key, b ? "1" : "0");
      } else {
        throw CofferException.invalid(
            PREFIX
                + ": '' expected type 'string', got unconvertible type '"
                + (v instanceof Map<?, ?> ? "map[string]interface {}" : "[]interface {}")
                + "'");
      }
    }
    return out;
  }

  /** Fails with every problem at once, as Vault does; {@code null} values are skipped. */
  static void validate(Map<String, String> metadata) {
    List<String> errors = new ArrayList<>();
    if (metadata.size() > MAX_KEYS) {
      errors.add(
          String.format(
              "%s: payload must contain at most %d keys, provided %d",
              PREFIX, MAX_KEYS, metadata.size()));
    } else {
      for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
        if (e.getValue() != null) {
          check(e.getKey(), e.getValue(), errors);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw CofferException.invalid(multiError(errors));
    }
  }

  private static void check(String key, String value, List<String> errors) {
    int keyLen = key.getBytes(StandardCharsets.UTF_8).length;
    int valueLen = value.getBytes(StandardCharsets.UTF_8).length;
    if (keyLen == 0 || keyLen > MAX_KEY_BYTES) {
      errors.add(
          String.format(
              "%s: length of key \"%s\" is %d but must be 0 < len(key) <= %d",
              PREFIX, key, keyLen, MAX_KEY_BYTES));
    }
    if (valueLen == 0 || valueLen > MAX_VALUE_BYTES) {
      errors.add(
          String.format(
              "%s: length of value for key \"%s\" is %d but must be 0 < len(value) <= %d",
              PREFIX, key, valueLen, MAX_VALUE_BYTES));
    }
    if (!printable(key)) {
      errors.add(
          String.format("%s: key \"%s\" (%s) contains unprintable characters", PREFIX, key, key));
    }
    if (!printable(value)) {
      errors.add(
          String.format("%s: value for key \"%s\" contains unprintable characters", PREFIX, key));
    }
  }

  /** Formats like Go's hashicorp/go-multierror, which is what Vault answers. */
  private static String multiError(List<String> errors) {
    if (errors.size() == 1) {
      return "1 error occurred:\n\t* " + errors.get(0) + "\n\n";
    }
    StringBuilder b = new StringBuilder().append(errors.size()).append(" errors occurred:");
    for (String e : errors) {
      b.append("\n\t* ").append(e);
    }
    return b.append("\n\n").toString();
  }

  private static boolean printable(String s) {
    return s.codePoints()
        .allMatch(
            cp ->
                !Character.isISOControl(cp)
                    && Character.getType(cp) != Character.UNASSIGNED
                    && Character.getType(cp) != Character.FORMAT);
  }
}
