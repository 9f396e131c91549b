package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.server.it.VaultApi.Answer;

/**
 * Tokens that belong to identity entities, made over HTTP: an entity, an alias on the token mount,
 * and a token created against an orphan token role with that alias.
 */
final class EntityTokens {
  private final VaultApi root;
  private final String role;

  /** Creates the token role {@code role} allowing {@code policies} (a JSON list). */
  EntityTokens(VaultApi root, String role, String policiesJson) {
    this.root = root;
    this.role = role;
    Answer r =
        root.post(
            "auth/token/roles/" + role,
            "{\"allowed_policies\":"
                + policiesJson
                + ",\"allowed_entity_aliases\":[\"*\"],\"orphan\":true}");
    assertThat(r.status()).as(r.raw()).isIn(200, 204);
  }

  /** A new entity named {@code name}; returns its id. */
  String entity(String name) {
    Answer entity = root.post("identity/entity", "{\"name\":\"" + name + "\"}");
    assertThat(entity.status()).as(entity.raw()).isEqualTo(200);
    String entityId = entity.data().get("id").asText();
    String tokenMount = root.get("sys/auth").data().get("token/").get("accessor").asText();
    Answer alias =
        root.post(
            "identity/entity-alias",
            "{\"name\":\"alias-"
                + name
                + "\",\"canonical_id\":\""
                + entityId
                + "\",\"mount_accessor\":\""
                + tokenMount
                + "\"}");
    assertThat(alias.status()).as(alias.raw()).isIn(200, 204);
    return entityId;
  }

  /** A fresh token of entity {@code name} (created before with {@link #entity}). */
  VaultApi token(String name, String policiesJson) {
    Answer created =
        root.post(
            "auth/token/create/" + role,
            "{\"policies\":" + policiesJson + ",\"entity_alias\":\"alias-" + name + "\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    return root.withToken(created.body().get("auth").get("client_token").asText());
  }
}
