package dev.coffer.auth.jwt;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.spi.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The mount's stored state: {@code config} and {@code role/<name>}, each a JSON object. */
final class JwtStore {
  static final String CONFIG_KEY = "config";
  static final String ROLE_PREFIX = "role/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Storage storage;

  JwtStore(Storage storage) {
    this.storage = storage;
  }

  Optional<JwtConfig> config() {
    return storage.get(CONFIG_KEY).map(b -> JwtConfig.fromStored(read(b)));
  }

  void putConfig(JwtConfig config) {
    storage.put(CONFIG_KEY, write(config.toStored()));
  }

  Optional<JwtRole> role(String name) {
    return storage.get(ROLE_PREFIX + name).map(b -> JwtRole.fromStored(read(b)));
  }

  void putRole(String name, JwtRole role) {
    storage.put(ROLE_PREFIX + name, write(role.toStored()));
  }

  void deleteRole(String name) {
    storage.delete(ROLE_PREFIX + name);
  }

  List<String> roleNames() {
    return storage.list(ROLE_PREFIX).stream().filter(k -> !k.endsWith("/")).toList();
  }

  private static Map<String, Object> read(byte[] bytes) {
    try {
      return JSON.readValue(bytes, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt jwt auth entry", e);
    }
  }

  private static byte[] write(Map<String, Object> value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
