package dev.coffer.backend.local.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns stored bytes into objects and back; never puts data into an error message. */
final class KvJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private KvJson() {}

  static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new CofferException(ErrorCode.INTERNAL, "kv: cannot encode stored value", e);
    }
  }

  static <T> T read(byte[] bytes, Class<T> type) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new CofferException(ErrorCode.INTERNAL, "kv: stored value is corrupt", e);
    }
  }

  static Map<String, Object> readMap(byte[] bytes) {
    try {
      return MAPPER.readValue(bytes, MAP);
    } catch (IOException e) {
      throw new CofferException(ErrorCode.INTERNAL, "kv: stored value is corrupt", e);
    }
  }
}
