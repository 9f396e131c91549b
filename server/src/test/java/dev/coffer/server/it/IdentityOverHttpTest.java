package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code identity/} endpoints, over real HTTP. */
class IdentityOverHttpTest {
  private static CofferServer server;
  private static VaultApi api;

  @BeforeAll
  static void start() {
    server = TestServers.dev();
    api = TestServers.api(server, TestServers.ROOT);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anEntityIsCreatedReadByIdAndNameAndListed() {
    Answer created =
        api.post(
            "identity/entity",
            "{\"name\":\"build-bot\",\"metadata\":{\"team\":\"ci\"},\"policies\":[\"CI\"]}");
    assertThat(created.status()).isEqualTo(200);
    String id = created.data().get("id").asText();
    assertThat(created.data().get("name").asText()).isEqualTo("build-bot");

    JsonNode byId = api.get("identity/entity/id/" + id).data();
    assertThat(byId.get("name").asText()).isEqualTo("build-bot");
    assertThat(byId.get("metadata").get("team").asText()).isEqualTo("ci");
    assertThat(strings(byId.get("policies"))).containsExactly("ci");
    assertThat(byId.get("disabled").asBoolean()).isFalse();
    assertThat(byId.get("aliases").size()).isZero();
    assertThat(byId.get("creation_time").asText()).endsWith("Z");

    assertThat(api.get("identity/entity/name/build-bot").data().get("id").asText()).isEqualTo(id);

    Answer ids = api.list("identity/entity/id");
    assertThat(strings(ids.data().get("keys"))).contains(id);
    assertThat(ids.data().get("key_info").get(id).get("name").asText()).isEqualTo("build-bot");
    assertThat(strings(api.list("identity/entity/name").data().get("keys"))).contains("build-bot");
  }

  @Test
  void anEntityIsUpdatedByIdAndDeleted() {
    String id = api.post("identity/entity", "{\"name\":\"temp\"}").data().get("id").asText();

    assertThat(api.post("identity/entity/id/" + id, "{\"policies\":[\"p1\"]}").status())
        .isEqualTo(200);
    assertThat(strings(api.get("identity/entity/id/" + id).data().get("policies")))
        .containsExactly("p1");

    assertThat(api.delete("identity/entity/id/" + id).status()).isEqualTo(204);
    assertThat(api.get("identity/entity/id/" + id).status()).isEqualTo(404);
  }

  @Test
  void anAliasIsCreatedReadAndFoundByLookup() {
    String id = api.post("identity/entity", "{\"name\":\"alias-owner\"}").data().get("id").asText();

    Answer alias =
        api.post(
            "identity/entity-alias",
            "{\"name\":\"octocat\",\"canonical_id\":\""
                + id
                + "\",\"mount_accessor\":\"auth_jwt_0000\",\"custom_metadata\":{\"k\":\"v\"}}");
    assertThat(alias.status()).isEqualTo(200);
    assertThat(alias.data().get("canonical_id").asText()).isEqualTo(id);
    String aliasId = alias.data().get("id").asText();

    JsonNode read = api.get("identity/entity-alias/id/" + aliasId).data();
    assertThat(read.get("name").asText()).isEqualTo("octocat");
    assertThat(read.get("mount_accessor").asText()).isEqualTo("auth_jwt_0000");
    assertThat(read.get("custom_metadata").get("k").asText()).isEqualTo("v");

    Answer found =
        api.post(
            "identity/lookup/entity",
            "{\"alias_name\":\"octocat\",\"alias_mount_accessor\":\"auth_jwt_0000\"}");
    assertThat(found.data().get("id").asText()).isEqualTo(id);
    assertThat(found.data().get("aliases").get(0).get("id").asText()).isEqualTo(aliasId);

    Answer duplicate =
        api.post(
            "identity/entity-alias", "{\"name\":\"octocat\",\"mount_accessor\":\"auth_jwt_0000\"}");
    assertThat(duplicate.status()).isEqualTo(400);

    assertThat(api.delete("identity/entity-alias/id/" + aliasId).status()).isEqualTo(204);
    assertThat(api.get("identity/entity-alias/id/" + aliasId).status()).isEqualTo(404);
  }

  @Test
  void anEntityCreatedOnLoginShowsTheAliasMetadataTheMethodReported() {
    String id =
        server
            .core()
            .entityResolver()
            .resolve("auth_jwt_1111", "repo:acme/app", Map.of("repository", "acme/app"));

    Answer found = api.post("identity/lookup/entity", "{\"id\":\"" + id + "\"}");

    assertThat(found.data().get("name").asText()).matches("entity_[0-9a-f]{8}");
    JsonNode alias = found.data().get("aliases").get(0);
    assertThat(alias.get("name").asText()).isEqualTo("repo:acme/app");
    assertThat(alias.get("metadata").get("repository").asText()).isEqualTo("acme/app");
  }

  @Test
  void lookupAnswers204WhenNothingMatchesAnd400WithoutACriterion() {
    assertThat(api.post("identity/lookup/entity", "{\"name\":\"nobody\"}").status()).isEqualTo(204);

    Answer none = api.post("identity/lookup/entity", "{}");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.errors()).contains("query parameter not supplied");

    Answer half = api.post("identity/lookup/entity", "{\"alias_name\":\"x\"}");
    assertThat(half.status()).isEqualTo(400);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
