package dev.coffer.server.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core's JSON for what it stores: plain maps, one shared thread-safe mapper, with readers bound
 * to their type once (resolving a type per call showed in profiles of every request).
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectReader MAP_READER =
      MAPPER.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {});
  private static final ObjectReader ANY_READER = MAPPER.readerFor(Object.class);

  private Json() {}

  /** Serialises a map of JSON values to UTF-8 bytes. */
  public static byte[] write(Map<String, ?> value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  /** Serialises a list of maps of JSON values (a JSON array of objects) to UTF-8 bytes. */
  public static byte[] writeAll(List<? extends Map<String, ?>> values) {
    try {
      return MAPPER.writeValueAsBytes(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  /** Parses a JSON object. */
  public static Map<String, Object> read(byte[] json) {
    try {
      return MAP_READER.readValue(json);
    } catch (IOException e) {
      throw new IllegalStateException("stored JSON is corrupt", e);
    }
  }

  /** Parses a JSON object, as a list of one, or a JSON array of objects. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> readAll(byte[] json) {
    Object parsed;
    try {
      parsed = ANY_READER.readValue(json);
    } catch (IOException e) {
      throw new IllegalStateException("stored JSON is corrupt", e);
    }
    if (parsed instanceof Map<?, ?> one) {
      return List.of((Map<String, Object>) one);
    }
    if (parsed instanceof List<?> many) {
      List<Map<String, Object>> out = new ArrayList<>(many.size());
      for (Object o : many) {
        if (!(o instanceof Map<?, ?> m)) {
          throw new IllegalStateException("stored JSON is corrupt");
        }
        out.add((Map<String, Object>) m);
      }
      return out;
    }
    throw new IllegalStateException("stored JSON is corrupt");
  }
}
