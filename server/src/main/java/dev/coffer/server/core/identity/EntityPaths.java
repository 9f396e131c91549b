package dev.coffer.server.core.identity;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code identity/entity} (create, or update by name or id), {@code identity/entity/id/:id} (read,
 * update, delete), {@code identity/entity/name/:name} (read, update, delete) and the lists {@code
 * identity/entity/id} and {@code identity/entity/name}.
 */
final class EntityPaths {
  private final EntityStore store;

  EntityPaths(EntityStore store) {
    this.store = store;
  }

  List<PathSpec> paths() {
    return List.of(
        fields(PathSpec.builder("entity"))
            .field("id", FieldType.STRING)
            .on(Operation.UPDATE, this::register)
            .description("creates an entity, or updates the one with the given id or name")
            .build(),
        fields(PathSpec.builder("entity/id/{id}"))
            .on(Operation.READ, r -> read(store.byId(r.param("id"))))
            .on(Operation.UPDATE, r -> update(store.byId(r.param("id")), r))
            .on(Operation.DELETE, r -> delete(store.byId(r.param("id"))))
            .description("reads, updates or deletes an entity by id")
            .build(),
        fields(PathSpec.builder("entity/name/{name}"))
            .on(Operation.READ, r -> read(store.byName(r.param("name"))))
            .on(Operation.UPDATE, this::upsertByName)
            .on(Operation.DELETE, r -> delete(store.byName(r.param("name"))))
            .description("reads, creates, updates or deletes an entity by name")
            .build(),
        PathSpec.builder("entity/id")
            .on(Operation.LIST, this::listIds)
            .description("lists entity ids")
            .build(),
        PathSpec.builder("entity/name")
            .on(Operation.LIST, this::listNames)
            .description("lists entity names")
            .build());
  }

  private static PathSpec.Builder fields(PathSpec.Builder b) {
    return b.field("name", FieldType.STRING)
        .field("metadata", FieldType.MAP)
        .field("policies", FieldType.STRING_LIST)
        .field("disabled", FieldType.BOOL);
  }

  private Response register(Request r) {
    String id = IdentityFields.string(r, "id");
    if (!id.isEmpty()) {
      Entity e = store.byId(id).orElseThrow(() -> CofferException.invalid("entity not found"));
      return update(Optional.of(e), r);
    }
    String name = IdentityFields.string(r, "name");
    Optional<Entity> existing = name.isEmpty() ? Optional.empty() : store.byName(name);
    if (existing.isPresent()) {
      return update(existing, r);
    }
    return created(create(name, r));
  }

  private Response upsertByName(Request r) {
    String name = r.param("name");
    Optional<Entity> existing = store.byName(name);
    if (existing.isPresent()) {
      return update(existing, r);
    }
    return created(create(name, r));
  }

  private Entity create(String name, Request r) {
    Map<String, String> metadata = IdentityFields.stringMap(r, "metadata");
    List<String> policies = IdentityFields.policies(r);
    return store.create(
        name,
        metadata == null ? Map.of() : metadata,
        policies == null ? List.of() : policies,
        r.bool("disabled", false));
  }

  private Response update(Optional<Entity> found, Request r) {
    Entity e = found.orElseThrow(CofferException::notFound);
    Entity next =
        store.update(
            e.id(),
            r.has("name") ? IdentityFields.string(r, "name") : null,
            IdentityFields.stringMap(r, "metadata"),
            IdentityFields.policies(r),
            r.has("disabled") ? r.bool("disabled", false) : null);
    return created(next);
  }

  private static Response created(Entity e) {
    Map<String, Object> data = new LinkedHashMap<>();
    List<String> aliasIds = new ArrayList<>();
    e.aliases().forEach(a -> aliasIds.add(a.id()));
    data.put("aliases", aliasIds.isEmpty() ? null : aliasIds);
    data.put("id", e.id());
    data.put("name", e.name());
    return Response.of(data);
  }

  private static Response read(Optional<Entity> found) {
    return Response.of(found.orElseThrow(CofferException::notFound).toApi());
  }

  private Response delete(Optional<Entity> found) {
    found.ifPresent(e -> store.delete(e.id()));
    return Response.empty();
  }

  private Response listIds(Request r) {
    List<String> keys = new ArrayList<>();
    Map<String, Object> info = new LinkedHashMap<>();
    for (String id : store.ids()) {
      store
          .byId(id)
          .ifPresent(
              e -> {
                keys.add(e.id());
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("name", e.name());
                info.put(e.id(), i);
              });
    }
    return listResponse(keys, info);
  }

  private Response listNames(Request r) {
    List<String> keys = new ArrayList<>();
    for (String id : store.ids()) {
      store.byId(id).ifPresent(e -> keys.add(e.name()));
    }
    keys.sort(null);
    return Response.keys(keys);
  }

  private static Response listResponse(List<String> keys, Map<String, Object> info) {
    if (keys.isEmpty()) {
      throw CofferException.notFound();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("key_info", info);
    data.put("keys", keys);
    return Response.of(data);
  }
}
