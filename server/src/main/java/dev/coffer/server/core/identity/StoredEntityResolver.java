package dev.coffer.server.core.identity;

import dev.coffer.spi.CofferException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link EntityResolver} auth methods use on login: finds the entity behind (mount accessor,
 * alias name) in the {@link EntityStore}, creating an entity named {@code entity_<8 hex>} and the
 * alias on first login, and records the alias metadata the method reports (rewritten only when it
 * changed).
 */
public final class StoredEntityResolver implements EntityResolver {
  private final EntityStore store;

  /** A resolver over {@code store}. */
  public StoredEntityResolver(EntityStore store) {
    this.store = store;
  }

  @Override
  public String resolve(String mountAccessor, String aliasName, Map<String, String> aliasMetadata) {
    if (mountAccessor == null || mountAccessor.isBlank()) {
      throw CofferException.invalid("missing mount_accessor");
    }
    if (aliasName == null || aliasName.isBlank()) {
      throw CofferException.invalid("missing alias name");
    }
    Map<String, String> metadata = aliasMetadata == null ? Map.of() : aliasMetadata;
    synchronized (store) {
      Optional<Entity> owner = store.byAlias(mountAccessor, aliasName);
      if (owner.isEmpty()) {
        return store.addAlias(null, mountAccessor, aliasName, metadata, Map.of()).canonicalId();
      }
      Entity e = owner.get();
      for (EntityAlias a : e.aliases()) {
        if (a.mountAccessor().equals(mountAccessor)
            && a.name().equals(aliasName)
            && !Objects.equals(a.metadata(), metadata)) {
          store.updateAliasMetadata(a.id(), metadata);
        }
      }
      return e.id();
    }
  }
}
