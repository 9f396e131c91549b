package dev.coffer.server.core.breakglass;

import dev.coffer.spi.ClientInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who did something to a break-glass request (asked, approved, denied, revoked).
 *
 * @param entityId their identity entity, or {@code ""}
 * @param accessor their token's accessor
 * @param displayName their token's display name
 * @param time when
 */
record Approver(String entityId, String accessor, String displayName, Instant time) {

  static Approver of(ClientInfo client, Instant time) {
    return new Approver(client.entityId(), client.tokenAccessor(), client.displayName(), time);
  }

  /**
   * Whether this is the same operator as {@code other}: the same entity, or (when either has no
   * entity) the same token accessor.
   */
  boolean sameOperator(Approver other) {
    if (!entityId.isEmpty() && !other.entityId.isEmpty()) {
      return entityId.equals(other.entityId);
    }
    return accessor.equals(other.accessor);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entity_id", entityId);
    m.put("accessor", accessor);
    m.put("display_name", displayName);
    m.put("time", time.toString());
    return m;
  }

  static Approver fromJson(Map<String, Object> m) {
    return new Approver(
        (String) m.get("entity_id"),
        (String) m.get("accessor"),
        (String) m.get("display_name"),
        Instant.parse((String) m.get("time")));
  }
}
