package dev.coffer.server.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.policy.IdentityContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntityStoreTest {
  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final Barrier barrier = new Barrier(backend);
  private EntityStore store;
  private StoredEntityResolver resolver;

  @BeforeEach
  void unseal() {
    barrier.initialize(new byte[32], Instant.now());
    store = new EntityStore(barrier, Clock.systemUTC());
    resolver = new StoredEntityResolver(store);
  }

  @Test
  void firstLoginCreatesAnEntityWithAGeneratedNameAndTheAlias() {
    String id = resolver.resolve("auth_jwt_1", "repo:acme/app", Map.of("repository", "acme/app"));

    Entity e = store.byId(id).orElseThrow();
    assertThat(e.name()).matches("entity_[0-9a-f]{8}");
    assertThat(e.aliases()).hasSize(1);
    EntityAlias alias = e.aliases().get(0);
    assertThat(alias.mountAccessor()).isEqualTo("auth_jwt_1");
    assertThat(alias.name()).isEqualTo("repo:acme/app");
    assertThat(alias.canonicalId()).isEqualTo(id);
    assertThat(alias.metadata()).containsEntry("repository", "acme/app");
  }

  @Test
  void laterLoginsFindTheSameEntityAndRecordNewAliasMetadata() {
    String first = resolver.resolve("auth_jwt_1", "alice", Map.of("team", "a"));
    String second = resolver.resolve("auth_jwt_1", "alice", Map.of("team", "b"));
    String other = resolver.resolve("auth_jwt_2", "alice", Map.of());

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(store.byId(first).orElseThrow().aliases().get(0).metadata())
        .containsEntry("team", "b");
    assertThat(new EntityStore(barrier, Clock.systemUTC()).byAlias("auth_jwt_1", "alice"))
        .map(Entity::id)
        .contains(first);
  }

  @Test
  void theIdentityContextCarriesNameMetadataAndAliasesByMountAccessor() {
    String id = resolver.resolve("auth_jwt_1", "alice", Map.of("team", "a"));
    store.update(id, "alice", Map.of("dept", "ops"), List.of("ops"), null);

    IdentityContext ctx = store.byId(id).orElseThrow().context();

    assertThat(ctx.entityId()).isEqualTo(id);
    assertThat(ctx.entityName()).isEqualTo("alice");
    assertThat(ctx.metadata()).containsEntry("dept", "ops");
    assertThat(ctx.aliases().get("auth_jwt_1").metadata()).containsEntry("team", "a");
  }

  @Test
  void entitiesAreFoundByNameAndAliasIdAndNamesAreUnique() {
    Entity e = store.create("svc", Map.of(), List.of(), false);
    EntityAlias a = store.addAlias(e.id(), "auth_approle_1", "role-1", Map.of(), Map.of());

    assertThat(store.byName("svc")).map(Entity::id).contains(e.id());
    assertThat(store.byAliasId(a.id())).map(Entity::id).contains(e.id());
    assertThatThrownBy(() -> store.create("svc", Map.of(), List.of(), false))
        .hasMessage("entity name is already in use");
    assertThatThrownBy(() -> store.addAlias(null, "auth_approle_1", "role-1", Map.of(), Map.of()))
        .hasMessage("combination of mount and alias name is already in use");
  }

  @Test
  void deletingAnEntityRemovesItsNameAndAliasIndexes() {
    String id = resolver.resolve("auth_jwt_1", "bob", Map.of());
    String name = store.byId(id).orElseThrow().name();

    store.delete(id);

    assertThat(store.byId(id)).isEmpty();
    assertThat(store.byName(name)).isEmpty();
    assertThat(store.byAlias("auth_jwt_1", "bob")).isEmpty();
    assertThat(resolver.resolve("auth_jwt_1", "bob", Map.of())).isNotEqualTo(id);
  }

  @Test
  void aliasNamesAndEntityNamesNeverAppearInStorageKeys() {
    resolver.resolve("auth_jwt_1", "alice@example.com", Map.of());
    store.create("carol-the-admin", Map.of(), List.of(), false);

    List<String> keys = allKeys("");
    assertThat(keys).isNotEmpty().noneMatch(k -> k.contains("alice") || k.contains("carol"));
    for (String k : keys) {
      assertThat(new String(backend.get(k).orElseThrow(), StandardCharsets.ISO_8859_1))
          .doesNotContain("alice@example.com");
    }
  }

  private List<String> allKeys(String prefix) {
    List<String> out = new ArrayList<>();
    for (String child : backend.list(prefix)) {
      if (child.endsWith("/")) {
        out.addAll(allKeys(prefix + child));
      } else {
        out.add(prefix + child);
      }
    }
    return out;
  }
}
