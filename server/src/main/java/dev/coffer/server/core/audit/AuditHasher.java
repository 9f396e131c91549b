package dev.coffer.server.core.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces secret values by {@code hmac-sha256:<hex>} under one audit device's salt. Every value is
 * hashed — strings, numbers and booleans — recursively inside maps and lists; map keys stay in
 * clear and {@code null} stays {@code null}. A non-string value is hashed as its text: numbers as
 * plain decimals without exponent or trailing zeros ({@code 3.50} → {@code "3.5"}, {@code 1e3} →
 * {@code "1000"}), booleans as {@code true}/{@code false}, durations as whole seconds, so {@code
 * sys/audit-hash} with that text reproduces the hash.
 */
public final class AuditHasher {
  /** The prefix of every hashed value. */
  public static final String PREFIX = "hmac-sha256:";

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  /** A hasher under this salt (at least 16 bytes). */
  public AuditHasher(byte[] salt) {
    if (salt == null || salt.length < 16) {
      throw new IllegalArgumentException("an audit salt has at least 16 bytes");
    }
    this.key = new SecretKeySpec(salt.clone(), "HmacSHA256");
    // One initialised Mac per thread and hasher: an entry hashes many values, and a Mac from
    // Mac.getInstance + init per value was a per-request cost that does not depend on the request.
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** {@code hmac-sha256:<hex>} of the UTF-8 bytes of {@code input}. */
  public String hash(String input) {
    // doFinal resets the Mac to its initialised state, ready for the next value.
    byte[] out = macs.get().doFinal(input.getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(out);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** A copy of {@code data} with every value hashed; {@code null} gives {@code null}. */
  public Map<String, Object> hashMap(Map<String, ?> data) {
    if (data == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : data.entrySet()) {
      out.put(String.valueOf(e.getKey()), hashValue(e.getValue()));
    }
    return out;
  }

  /** One value hashed, recursively for maps and lists. */
  public Object hashValue(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(String.valueOf(e.getKey()), hashValue(e.getValue()));
      }
      return out;
    }
    if (value instanceof Iterable<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(hashValue(v)));
      return out;
    }
    if (value instanceof Object[] array) {
      return hashValue(List.of(array));
    }
    return hash(text(value));
  }

  /** The text a scalar is hashed as. */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof Number n) {
      try {
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return n.toString(); // NaN or Infinity
      }
    }
    if (value instanceof Duration d) {
      return Long.toString(d.getSeconds());
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return value.toString();
  }
}
