package dev.coffer.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** JSON of the records the built-in auth methods keep in their storage. */
public final class StoredJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StoredJson() {}

  /** The JSON bytes of {@code value}. */
  public static byte[] write(Map<String, Object> value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The record stored as {@code bytes}. */
  public static Map<String, Object> read(byte[] bytes) {
    try {
      return MAPPER.readValue(bytes, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("stored auth method record is unreadable", e);
    }
  }
}
