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

/**
 * {@code identity/entity-alias} (create), {@code identity/entity-alias/id/:id} (read, delete) and
 * the list {@code identity/entity-alias/id}.
 */
final class AliasPaths {
  private final EntityStore store;

  AliasPaths(EntityStore store) {
    this.store = store;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("entity-alias")
            .field("name", FieldType.STRING)
            .field("canonical_id", FieldType.STRING)
            .field("mount_accessor", FieldType.STRING)
            .field("custom_metadata", FieldType.MAP)
            .on(Operation.UPDATE, this::create)
            .description("creates an entity alias")
            .build(),
        PathSpec.builder("entity-alias/id/{id}")
            .on(Operation.READ, this::read)
            .on(Operation.DELETE, this::delete)
            .description("reads or deletes an entity alias")
            .build(),
        PathSpec.builder("entity-alias/id")
            .on(Operation.LIST, this::list)
            .description("lists entity alias ids")
            .build());
  }

  private Response create(Request r) {
    String name = IdentityFields.string(r, "name");
    String accessor = IdentityFields.string(r, "mount_accessor");
    if (name.isEmpty()) {
      throw CofferException.invalid("missing alias name");
    }
    if (accessor.isEmpty()) {
      throw CofferException.invalid("missing mount_accessor");
    }
    Map<String, String> custom = IdentityFields.stringMap(r, "custom_metadata");
    EntityAlias alias =
        store.addAlias(
            IdentityFields.string(r, "canonical_id"),
            accessor,
            name,
            Map.of(),
            custom == null ? Map.of() : custom);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("canonical_id", alias.canonicalId());
    data.put("id", alias.id());
    return Response.of(data);
  }

  private Response read(Request r) {
    String id = r.param("id");
    EntityAlias alias =
        store.byAliasId(id).flatMap(e -> e.alias(id)).orElseThrow(CofferException::notFound);
    return Response.of(alias.toApi());
  }

  private Response delete(Request r) {
    store.deleteAlias(r.param("id"));
    return Response.empty();
  }

  private Response list(Request r) {
    List<String> keys = new ArrayList<>();
    Map<String, Object> info = new LinkedHashMap<>();
    for (String entityId : store.ids()) {
      store
          .byId(entityId)
          .ifPresent(
              e -> {
                for (EntityAlias a : e.aliases()) {
                  keys.add(a.id());
                  Map<String, Object> i = new LinkedHashMap<>();
                  i.put("canonical_id", a.canonicalId());
                  i.put("mount_accessor", a.mountAccessor());
                  i.put("name", a.name());
                  info.put(a.id(), i);
                }
              });
    }
    if (keys.isEmpty()) {
      throw CofferException.notFound();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("key_info", info);
    data.put("keys", keys);
    return Response.of(data);
  }
}
