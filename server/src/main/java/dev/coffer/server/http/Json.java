package dev.coffer.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/** The JSON mapper of the HTTP layer: nulls are written (Vault's envelope shows them). */
public final class Json {
  /** The shared, thread-safe mapper. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  /** Serialises a value; maps and lists of plain values cannot fail. */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response is not serialisable to JSON", e);
    }
  }

  /** {@code {"errors": [...]}}. */
  public static byte[] errors(List<String> errors) {
    return bytes(Map.of("errors", errors));
  }
}
