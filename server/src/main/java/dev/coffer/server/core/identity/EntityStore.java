package dev.coffer.server.core.identity;

import dev.coffer.server.core.Json;
import dev.coffer.server.core.barrier.AesGcm;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Entities and their aliases, inside the barrier under {@code identity/}:
 *
 * <ul>
 *   <li>{@code identity/entity/<id>}: the entity with its aliases inline;
 *   <li>{@code identity/entity-name/<hmac(name)>}: {@code {"entity_id"}}, the name index;
 *   <li>{@code identity/alias/<hmac(mount accessor, alias name)>}: {@code {"entity_id",
 *       "alias_id"}}, the alias index used on login;
 *   <li>{@code identity/alias-id/<alias id>}: {@code {"entity_id"}}.
 * </ul>
 *
 * Index keys are HMACs (under the keyring's HMAC key, domain-separated) so that names, which may be
 * user names or e-mail addresses, never appear in the untrusted storage's key space.
 *
 * <p>Writes are serialised and run in one storage transaction; entities read are cached (absent
 * ones too) until written, so the per-request identity lookup costs a map hit. {@link #clear()}
 * forgets the cache on seal.
 */
public final class EntityStore {
  private static final Pattern UUID_SHAPE =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String ENTITY = "entity/";
  private static final String NAME_INDEX = "entity-name/";
  private static final String ALIAS_INDEX = "alias/";
  private static final String ALIAS_ID_INDEX = "alias-id/";

  private final Barrier barrier;
  private final Clock clock;
  private final Map<String, Optional<Entity>> cache = new ConcurrentHashMap<>();

  /** A store inside {@code barrier}; usable while it is unsealed. */
  public EntityStore(Barrier barrier, Clock clock) {
    this.barrier = barrier;
    this.clock = clock;
  }

  /** Forgets every cached entity (on seal). */
  public void clear() {
    cache.clear();
  }

  /** The entity with this id. */
  public Optional<Entity> byId(String id) {
    if (id == null || !UUID_SHAPE.matcher(id).matches()) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(id, this::load);
  }

  /** The entity with this name. */
  public Optional<Entity> byName(String name) {
    if (name == null || name.isEmpty()) {
      return Optional.empty();
    }
    return index(NAME_INDEX + nameKey(name)).flatMap(this::byId);
  }

  /** The entity that owns the alias {@code aliasName} of the auth mount {@code mountAccessor}. */
  public Optional<Entity> byAlias(String mountAccessor, String aliasName) {
    if (mountAccessor == null || aliasName == null) {
      return Optional.empty();
    }
    return index(ALIAS_INDEX + aliasKey(mountAccessor, aliasName)).flatMap(this::byId);
  }

  /** The entity owning the alias with this id. */
  public Optional<Entity> byAliasId(String aliasId) {
    if (aliasId == null || !UUID_SHAPE.matcher(aliasId).matches()) {
      return Optional.empty();
    }
    return index(ALIAS_ID_INDEX + aliasId).flatMap(this::byId);
  }

  /** The ids of every entity, sorted. */
  public List<String> ids() {
    List<String> out = new ArrayList<>();
    for (String k : storage().list(ENTITY)) {
      if (!k.endsWith("/")) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * Creates an entity.
   *
   * @param name its name, or blank for a generated {@code entity_<8 hex>}
   * @throws CofferException 400 if the name is taken
   */
  public synchronized Entity create(
      String name, Map<String, String> metadata, List<String> policies, boolean disabled) {
    Instant now = clock.instant();
    String chosen = name == null || name.isBlank() ? generatedName() : name.trim();
    if (byName(chosen).isPresent()) {
      throw CofferException.invalid("entity name is already in use");
    }
    Entity e =
        new Entity(
            UUID.randomUUID().toString(),
            chosen,
            metadata,
            policies,
            disabled,
            List.of(),
            now,
            now);
    storage()
        .transaction(
            tx -> {
              tx.put(ENTITY + e.id(), Json.write(e.toJson()));
              tx.put(NAME_INDEX + nameKey(e.name()), ref(e.id()));
              return null;
            });
    cache.put(e.id(), Optional.of(e));
    return e;
  }

  /**
   * Changes an entity's settings; a {@code null} argument keeps the current value.
   *
   * @throws CofferException 404 if there is no such entity, 400 if the new name is taken
   */
  public synchronized Entity update(
      String id,
      String name,
      Map<String, String> metadata,
      List<String> policies,
      Boolean disabled) {
    Entity old = byId(id).orElseThrow(CofferException::notFound);
    String newName = name == null || name.isBlank() ? old.name() : name.trim();
    if (!newName.equals(old.name())
        && byName(newName).filter(o -> !o.id().equals(id)).isPresent()) {
      throw CofferException.invalid("entity name is already in use");
    }
    Entity next =
        old.withSettings(
            newName,
            metadata == null ? old.metadata() : metadata,
            policies == null ? old.policies() : policies,
            disabled == null ? old.disabled() : disabled,
            clock.instant());
    storage()
        .transaction(
            tx -> {
              tx.put(ENTITY + id, Json.write(next.toJson()));
              if (!newName.equals(old.name())) {
                tx.delete(NAME_INDEX + nameKey(old.name()));
                tx.put(NAME_INDEX + nameKey(newName), ref(id));
              }
              return null;
            });
    cache.put(id, Optional.of(next));
    return next;
  }

  /** Deletes an entity and its aliases; deleting a missing one does nothing. */
  public synchronized void delete(String id) {
    Optional<Entity> found = byId(id);
    if (found.isEmpty()) {
      return;
    }
    Entity e = found.get();
    storage()
        .transaction(
            tx -> {
              for (EntityAlias a : e.aliases()) {
                tx.delete(ALIAS_INDEX + aliasKey(a.mountAccessor(), a.name()));
                tx.delete(ALIAS_ID_INDEX + a.id());
              }
              tx.delete(NAME_INDEX + nameKey(e.name()));
              tx.delete(ENTITY + e.id());
              return null;
            });
    cache.put(id, Optional.empty());
  }

  /**
   * Adds an alias to an entity.
   *
   * @param entityId the entity, or {@code null} to create a new one for the alias
   * @throws CofferException 400 if the mount and alias name are already in use, or the entity does
   *     not exist
   */
  public synchronized EntityAlias addAlias(
      String entityId,
      String mountAccessor,
      String aliasName,
      Map<String, String> metadata,
      Map<String, String> customMetadata) {
    if (byAlias(mountAccessor, aliasName).isPresent()) {
      throw CofferException.invalid("combination of mount and alias name is already in use");
    }
    Entity owner =
        entityId == null || entityId.isBlank()
            ? create(null, Map.of(), List.of(), false)
            : byId(entityId)
                .orElseThrow(
                    () -> CofferException.invalid("invalid canonical ID \"" + entityId + "\""));
    Instant now = clock.instant();
    EntityAlias alias =
        new EntityAlias(
            UUID.randomUUID().toString(),
            owner.id(),
            mountAccessor,
            aliasName,
            metadata,
            customMetadata,
            now,
            now);
    Entity next = owner.withAlias(alias, now);
    storage()
        .transaction(
            tx -> {
              tx.put(ENTITY + next.id(), Json.write(next.toJson()));
              tx.put(ALIAS_INDEX + aliasKey(mountAccessor, aliasName), ref(next.id()));
              tx.put(ALIAS_ID_INDEX + alias.id(), ref(next.id()));
              return null;
            });
    cache.put(next.id(), Optional.of(next));
    return alias;
  }

  /** Replaces the auth-method metadata of an alias (on login). */
  synchronized void updateAliasMetadata(String aliasId, Map<String, String> metadata) {
    Entity owner = byAliasId(aliasId).orElseThrow(CofferException::notFound);
    EntityAlias alias = owner.alias(aliasId).orElseThrow(CofferException::notFound);
    Instant now = clock.instant();
    Entity next = owner.withAlias(alias.withMetadata(metadata, now), now);
    storage().put(ENTITY + next.id(), Json.write(next.toJson()));
    cache.put(next.id(), Optional.of(next));
  }

  /** Deletes an alias; deleting a missing one does nothing. */
  public synchronized void deleteAlias(String aliasId) {
    Optional<Entity> owner = byAliasId(aliasId);
    if (owner.isEmpty()) {
      return;
    }
    Optional<EntityAlias> alias = owner.get().alias(aliasId);
    Entity next = owner.get().withoutAlias(aliasId, clock.instant());
    storage()
        .transaction(
            tx -> {
              tx.put(ENTITY + next.id(), Json.write(next.toJson()));
              alias.ifPresent(a -> tx.delete(ALIAS_INDEX + aliasKey(a.mountAccessor(), a.name())));
              tx.delete(ALIAS_ID_INDEX + aliasId);
              return null;
            });
    cache.put(next.id(), Optional.of(next));
  }

  private Optional<Entity> load(String id) {
    return storage().get(ENTITY + id).map(b -> Entity.fromJson(Json.read(b)));
  }

  private Optional<String> index(String key) {
    return storage().get(key).map(b -> (String) Json.read(b).get("entity_id"));
  }

  private static byte[] ref(String entityId) {
    return Json.write(Map.of("entity_id", entityId));
  }

  private String nameKey(String name) {
    return hmac("entity-name\0" + name);
  }

  private String aliasKey(String mountAccessor, String aliasName) {
    return hmac("entity-alias\0" + mountAccessor + "\0" + aliasName);
  }

  private String hmac(String value) {
    return HexFormat.of().formatHex(barrier.hmac(value.getBytes(StandardCharsets.UTF_8)));
  }

  private String generatedName() {
    String name;
    do {
      name = "entity_" + HexFormat.of().formatHex(AesGcm.randomBytes(4));
    } while (byName(name).isPresent());
    return name;
  }

  private Storage storage() {
    return barrier.view("identity/");
  }
}
