package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A flat record of strings and string lists as the engine stores it, encoded as Java properties
 * (lists as {@code key.n}, {@code key.0}, {@code key.1}, ...) so the engine needs no JSON library.
 * Decoding never puts stored values into an error message.
 */
final class StoredRecord {
  private final Properties values = new Properties();

  StoredRecord put(String key, String value) {
    values.setProperty(key, value == null ? "" : value);
    return this;
  }

  StoredRecord put(String key, List<String> list) {
    values.setProperty(key + ".n", Integer.toString(list.size()));
    for (int i = 0; i < list.size(); i++) {
      values.setProperty(key + "." + i, list.get(i));
    }
    return this;
  }

  StoredRecord put(String key, Duration d) {
    return put(key, Long.toString(d.getSeconds()));
  }

  StoredRecord put(String key, long n) {
    return put(key, Long.toString(n));
  }

  String string(String key) {
    return values.getProperty(key, "");
  }

  List<String> list(String key) {
    int n = (int) number(key + ".n");
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(values.getProperty(key + "." + i, ""));
    }
    return List.copyOf(out);
  }

  long number(String key) {
    String v = values.getProperty(key, "");
    try {
      return v.isEmpty() ? 0 : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw corrupt();
    }
  }

  Duration seconds(String key) {
    return Duration.ofSeconds(number(key));
  }

  Instant instant(String key) {
    String v = string(key);
    return v.isEmpty() ? Instant.EPOCH : Instant.parse(v);
  }

  boolean bool(String key) {
    return Boolean.parseBoolean(string(key));
  }

  byte[] encode() {
    StringWriter out = new StringWriter();
    try {
      values.store(out, null);
    } catch (IOException e) {
      throw new CofferException(ErrorCode.INTERNAL, "database: cannot encode stored record");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static StoredRecord decode(byte[] bytes) {
    StoredRecord r = new StoredRecord();
    try {
      r.values.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      throw corrupt();
    }
    return r;
  }

  private static CofferException corrupt() {
    return new CofferException(ErrorCode.INTERNAL, "database: stored record is corrupt");
  }
}
