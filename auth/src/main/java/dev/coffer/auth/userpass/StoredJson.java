package dev.coffer.auth.userpass;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** JSON of the records this method keeps in its storage. */
final class StoredJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StoredJson() {}

  static byte[] write(Map<String, Object> value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> read(byte[] bytes) {
    try {
      return MAPPER.readValue(bytes, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("stored userpass record is unreadable", e);
    }
  }
}
