package dev.coffer.server.core.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the server stores about a token. Holds no token id: the id is only known hashed.
 *
 * @param accessor the token's accessor (safe to log and show)
 * @param policies the policies it carries
 * @param displayName its display name
 * @param creationTime when it was created, in seconds since the epoch
 */
public record TokenEntry(
    String accessor, List<String> policies, String displayName, long creationTime) {
  public TokenEntry {
    policies = List.copyOf(policies);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accessor", accessor);
    m.put("policies", policies);
    m.put("display_name", displayName);
    m.put("creation_time", creationTime);
    return m;
  }

  @SuppressWarnings("unchecked")
  static TokenEntry fromJson(Map<String, Object> m) {
    return new TokenEntry(
        (String) m.get("accessor"),
        (List<String>) m.get("policies"),
        (String) m.get("display_name"),
        ((Number) m.get("creation_time")).longValue());
  }
}
