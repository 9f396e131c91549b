package dev.coffer.server.core.identity;

import dev.coffer.server.core.policy.IdentityContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An identity entity: one user or workload, however many auth methods and tokens it uses.
 *
 * @param id the entity id (a UUID)
 * @param name a unique name ({@code entity_<8 hex>} when created on login)
 * @param metadata free key/value pairs an operator sets (usable in policy templates)
 * @param policies policies added to every token of this entity at check time
 * @param disabled whether its tokens are refused
 * @param aliases its aliases, at most one per auth mount and alias name
 * @param creationTime when it was created
 * @param lastUpdateTime when it last changed
 */
public record Entity(
    String id,
    String name,
    Map<String, String> metadata,
    List<String> policies,
    boolean disabled,
    List<EntityAlias> aliases,
    Instant creationTime,
    Instant lastUpdateTime) {

  public Entity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    policies = policies == null ? List.of() : List.copyOf(policies);
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  /** The alias with this id, if it belongs to this entity. */
  public Optional<EntityAlias> alias(String aliasId) {
    return aliases.stream().filter(a -> a.id().equals(aliasId)).findFirst();
  }

  /** What policy templates may use about this entity. */
  public IdentityContext context() {
    Map<String, IdentityContext.Alias> byMount = new LinkedHashMap<>();
    for (EntityAlias a : aliases) {
      byMount.put(a.mountAccessor(), new IdentityContext.Alias(a.id(), a.name(), a.metadata()));
    }
    return new IdentityContext(id, name, metadata, byMount, List.of());
  }

  /** This entity with other settings. */
  Entity withSettings(
      String newName,
      Map<String, String> newMetadata,
      List<String> newPolicies,
      boolean newDisabled,
      Instant now) {
    return new Entity(
        id, newName, newMetadata, newPolicies, newDisabled, aliases, creationTime, now);
  }

  /** This entity with {@code alias} added or replacing the alias of the same id. */
  Entity withAlias(EntityAlias alias, Instant now) {
    List<EntityAlias> next = new ArrayList<>();
    for (EntityAlias a : aliases) {
      if (!a.id().equals(alias.id())) {
        next.add(a);
      }
    }
    next.add(alias);
    return new Entity(id, name, metadata, policies, disabled, next, creationTime, now);
  }

  /** This entity without the alias of this id. */
  Entity withoutAlias(String aliasId, Instant now) {
    List<EntityAlias> next = new ArrayList<>(aliases);
    next.removeIf(a -> a.id().equals(aliasId));
    return new Entity(id, name, metadata, policies, disabled, next, creationTime, now);
  }

  /** The entity as Vault shows it ({@code identity/entity/id/:id}). */
  Map<String, Object> toApi() {
    List<Map<String, Object>> aliasViews = new ArrayList<>();
    for (EntityAlias a : aliases) {
      aliasViews.add(a.toApi());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("aliases", aliasViews);
    m.put("creation_time", creationTime.toString());
    m.put("direct_group_ids", List.of());
    m.put("disabled", disabled);
    m.put("group_ids", List.of());
    m.put("id", id);
    m.put("inherited_group_ids", List.of());
    m.put("last_update_time", lastUpdateTime.toString());
    m.put("merged_entity_ids", null);
    m.put("metadata", metadata.isEmpty() ? null : new TreeMap<>(metadata));
    m.put("name", name);
    m.put("namespace_id", "root");
    m.put("policies", policies);
    return m;
  }

  Map<String, Object> toJson() {
    List<Map<String, Object>> aliasJson = new ArrayList<>();
    for (EntityAlias a : aliases) {
      aliasJson.add(a.toJson());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("metadata", new TreeMap<>(metadata));
    m.put("policies", policies);
    m.put("disabled", disabled);
    m.put("aliases", aliasJson);
    m.put("creation_time", creationTime.toString());
    m.put("last_update_time", lastUpdateTime.toString());
    return m;
  }

  @SuppressWarnings("unchecked")
  static Entity fromJson(Map<String, Object> m) {
    List<EntityAlias> aliases = new ArrayList<>();
    for (Object a : (List<Object>) m.getOrDefault("aliases", List.of())) {
      aliases.add(EntityAlias.fromJson((Map<String, Object>) a));
    }
    return new Entity(
        (String) m.get("id"),
        (String) m.get("name"),
        (Map<String, String>) m.get("metadata"),
        (List<String>) m.get("policies"),
        Boolean.TRUE.equals(m.get("disabled")),
        aliases,
        Instant.parse((String) m.get("creation_time")),
        Instant.parse((String) m.get("last_update_time")));
  }
}
