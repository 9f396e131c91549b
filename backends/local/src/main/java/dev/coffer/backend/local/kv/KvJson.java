package dev.coffer.backend.local.kv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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

  private static final ObjectReader MAP_READER =
      MAPPER.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});

  /** One reader bound to each stored type, so a read does not resolve its type again. */
  private static final ClassValue<ObjectReader> READERS =
      new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
          return MAPPER.readerFor(type);
        }
      };

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
      return READERS.get(type).readValue(bytes);
    } catch (IOException e) {
      throw new CofferException(ErrorCode.INTERNAL, "kv: stored value is corrupt", e);
    }
  }

  static Map<String, Object> readMap(byte[] bytes) {
    try {
      return MAP_READER.readValue(bytes);
    } catch (IOException e) {
      throw new CofferException(ErrorCode.INTERNAL, "kv: stored value is corrupt", e);
    }
  }
}
