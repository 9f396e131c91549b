package dev.coffer.server.core.policy;

import java.util.List;
import java.util.Map;

/**
 * What templated policies may use about the caller: its entity, the entity's aliases keyed by the
 * mount accessor of the auth method that created them, and its groups.
 *
 * @param entityId the entity id, or {@code null} when the token has no entity
 * @param entityName the entity name, or {@code null}
 * @param metadata the entity's metadata
 * @param aliases the entity's aliases by mount accessor (e.g. {@code auth_jwt_1234})
 * @param groups the groups the entity belongs to
 */
public record IdentityContext(
    String entityId,
    String entityName,
    Map<String, String> metadata,
    Map<String, Alias> aliases,
    List<Group> groups) {

  /** A caller without an entity: every identity template is unresolvable. */
  public static final IdentityContext NONE = new IdentityContext(null, null, null, null, null);

  public IdentityContext {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  /** Whether the caller has an entity. */
  public boolean hasEntity() {
    return entityId != null && !entityId.isEmpty();
  }

  /**
   * An entity alias: the identity an auth method knows the caller by.
   *
   * @param id the alias id
   * @param name the alias name (e.g. the JWT subject)
   * @param metadata what the auth method recorded (e.g. JWT claims mapped to metadata)
   */
  public record Alias(String id, String name, Map<String, String> metadata) {
    public Alias {
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
  }

  /**
   * A group the entity belongs to.
   *
   * @param id the group id
   * @param name the group name
   */
  public record Group(String id, String name) {}
}
