package dev.coffer.backend.local.kv;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON merge patch (RFC 7396): objects merge recursively, {@code null} removes a member. */
final class JsonMergePatch {
  private JsonMergePatch() {}

  /** Returns {@code target} patched by {@code patch}; neither argument is changed. */
  static Object apply(Object target, Object patch) {
    if (!(patch instanceof Map<?, ?> patchMap)) {
      return patch;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    if (target instanceof Map<?, ?> targetMap) {
      targetMap.forEach((k, v) -> result.put(String.valueOf(k), v));
    }
    for (Map.Entry<?, ?> e : patchMap.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (e.getValue() == null) {
        result.remove(key);
      } else {
        result.put(key, apply(result.get(key), e.getValue()));
      }
    }
    return result;
  }
}
