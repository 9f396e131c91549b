package dev.coffer.server.core.identity;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;
import java.util.Optional;

/**
 * {@code identity/lookup/entity}: finds one entity by {@code id}, {@code name}, {@code alias_id},
 * or {@code alias_name} with {@code alias_mount_accessor}; answers 204 when none matches, as Vault.
 */
final class LookupPaths {
  private final EntityStore store;

  LookupPaths(EntityStore store) {
    this.store = store;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("lookup/entity")
            .field("id", FieldType.STRING)
            .field("name", FieldType.STRING)
            .field("alias_id", FieldType.STRING)
            .field("alias_name", FieldType.STRING)
            .field("alias_mount_accessor", FieldType.STRING)
            .on(Operation.UPDATE, this::lookup)
            .description("looks up an entity by id, name or alias")
            .build());
  }

  private Response lookup(Request r) {
    String id = IdentityFields.string(r, "id");
    String name = IdentityFields.string(r, "name");
    String aliasId = IdentityFields.string(r, "alias_id");
    String aliasName = IdentityFields.string(r, "alias_name");
    String accessor = IdentityFields.string(r, "alias_mount_accessor");
    if (aliasName.isEmpty() != accessor.isEmpty()) {
      throw CofferException.invalid("both 'alias_name' and 'alias_mount_accessor' needs to be set");
    }
    int given =
        (id.isEmpty() ? 0 : 1)
            + (name.isEmpty() ? 0 : 1)
            + (aliasId.isEmpty() ? 0 : 1)
            + (aliasName.isEmpty() ? 0 : 1);
    if (given == 0) {
      throw CofferException.invalid("query parameter not supplied");
    }
    if (given > 1) {
      throw CofferException.invalid(
          "query parameter conflict; please supply distinct set of query parameters");
    }
    Optional<Entity> found;
    if (!id.isEmpty()) {
      found = store.byId(id);
    } else if (!name.isEmpty()) {
      found = store.byName(name);
    } else if (!aliasId.isEmpty()) {
      found = store.byAliasId(aliasId);
    } else {
      found = store.byAlias(accessor, aliasName);
    }
    return found.map(e -> Response.of(e.toApi())).orElseGet(Response::empty);
  }
}
