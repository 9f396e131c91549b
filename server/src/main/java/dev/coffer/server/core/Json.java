package dev.coffer.server.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The core's JSON for what it stores: plain maps, one shared thread-safe mapper. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  /** Serialises a map of JSON values to UTF-8 bytes. */
  public static byte[] write(Map<String, ?> value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  /** Parses a JSON object. */
  public static Map<String, Object> read(byte[] json) {
    try {
      return MAPPER.readValue(json, MAP);
    } catch (IOException e) {
      throw new IllegalStateException("stored JSON is corrupt", e);
    }
  }
}
