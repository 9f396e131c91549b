package dev.coffer.server.core.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An entity alias: the identity an auth method knows a caller by (e.g. a JWT subject), tied to one
 * entity.
 *
 * @param id the alias id (a UUID)
 * @param canonicalId the id of the entity it belongs to
 * @param mountAccessor the accessor of the auth mount that knows this alias
 * @param name the alias name on that mount
 * @param metadata what the auth method recorded at the last login (used by policy templates)
 * @param customMetadata what an operator set through {@code identity/entity-alias}
 * @param creationTime when it was created
 * @param lastUpdateTime when it last changed
 */
public record EntityAlias(
    String id,
    String canonicalId,
    String mountAccessor,
    String name,
    Map<String, String> metadata,
    Map<String, String> customMetadata,
    Instant creationTime,
    Instant lastUpdateTime) {

  public EntityAlias {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(mountAccessor, "mountAccessor");
    Objects.requireNonNull(name, "name");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    customMetadata = customMetadata == null ? Map.of() : Map.copyOf(customMetadata);
  }

  /** This alias with other auth-method metadata. */
  EntityAlias withMetadata(Map<String, String> newMetadata, Instant now) {
    return new EntityAlias(
        id, canonicalId, mountAccessor, name, newMetadata, customMetadata, creationTime, now);
  }

  /** The alias as Vault shows it ({@code identity/entity-alias/id/:id}, entity reads). */
  Map<String, Object> toApi() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("canonical_id", canonicalId);
    m.put("creation_time", creationTime.toString());
    m.put("custom_metadata", new TreeMap<>(customMetadata));
    m.put("id", id);
    m.put("last_update_time", lastUpdateTime.toString());
    m.put("local", false);
    m.put("merged_from_canonical_ids", null);
    m.put("metadata", metadata.isEmpty() ? null : new TreeMap<>(metadata));
    m.put("mount_accessor", mountAccessor);
    m.put("mount_path", "");
    m.put("mount_type", "");
    m.put("name", name);
    m.put("namespace_id", "root");
    return m;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("canonical_id", canonicalId);
    m.put("mount_accessor", mountAccessor);
    m.put("name", name);
    m.put("metadata", new TreeMap<>(metadata));
    m.put("custom_metadata", new TreeMap<>(customMetadata));
    m.put("creation_time", creationTime.toString());
    m.put("last_update_time", lastUpdateTime.toString());
    return m;
  }

  @SuppressWarnings("unchecked")
  static EntityAlias fromJson(Map<String, Object> m) {
    return new EntityAlias(
        (String) m.get("id"),
        (String) m.get("canonical_id"),
        (String) m.get("mount_accessor"),
        (String) m.get("name"),
        (Map<String, String>) m.get("metadata"),
        (Map<String, String>) m.get("custom_metadata"),
        Instant.parse((String) m.get("creation_time")),
        Instant.parse((String) m.get("last_update_time")));
  }
}
