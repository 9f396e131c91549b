package dev.coffer.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.server.CofferServer;
import dev.coffer.server.it.VaultApi.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Initialise with 5 shares and threshold 3, then seal and unseal over real HTTP. */
class ShamirSealOverHttpTest {
  private CofferServer server;
  private VaultApi anonymous;

  @BeforeEach
  void start() {
    server = TestServers.inMemoryWithShamirSeal();
    anonymous = TestServers.api(server, null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private record Init(List<String> keys, List<String> keysBase64, String rootToken) {}

  private Init init() {
    Answer a = anonymous.put("sys/init", "{\"secret_shares\":5,\"secret_threshold\":3}");
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    a.body().get("keys").forEach(k -> keys.add(k.asText()));
    List<String> b64 = new ArrayList<>();
    a.body().get("keys_base64").forEach(k -> b64.add(k.asText()));
    return new Init(keys, b64, a.body().get("root_token").asText());
  }

  private JsonNode unseal(String key) {
    Answer a = anonymous.put("sys/unseal", "{\"key\":\"" + key + "\"}");
    assertThat(a.status()).as(a.raw()).isEqualTo(200);
    return a.body();
  }

  @Test
  void anUninitialisedServerReportsItAndAnswersHealth501() {
    JsonNode status = anonymous.get("sys/seal-status").body();
    assertThat(status.get("initialized").asBoolean()).isFalse();
    assertThat(status.get("sealed").asBoolean()).isTrue();
    assertThat(status.get("type").asText()).isEqualTo("shamir");
    assertThat(anonymous.get("sys/health").status()).isEqualTo(501);
    assertThat(anonymous.get("sys/init").body().get("initialized").asBoolean()).isFalse();
  }

  @Test
  void threeOfFiveSharesUnsealAndProgressIsReported() {
    Init init = init();
    assertThat(init.keys()).hasSize(5);
    assertThat(init.keysBase64()).hasSize(5);
    assertThat(init.rootToken()).isNotBlank();

    JsonNode status = anonymous.get("sys/seal-status").body();
    assertThat(status.get("sealed").asBoolean()).isTrue();
    assertThat(status.get("t").asInt()).isEqualTo(3);
    assertThat(status.get("n").asInt()).isEqualTo(5);
    assertThat(anonymous.get("sys/health").status()).isEqualTo(503);

    VaultApi root = anonymous.withToken(init.rootToken());
    Answer sealedRead = root.get("sys/mounts");
    assertThat(sealedRead.status()).isEqualTo(503);

    assertThat(unseal(init.keys().get(0)).get("progress").asInt()).isEqualTo(1);
    assertThat(unseal(init.keys().get(0)).get("progress").asInt())
        .as("the same share again does not count")
        .isEqualTo(1);
    assertThat(unseal(init.keysBase64().get(3)).get("progress").asInt()).isEqualTo(2);
    JsonNode done = unseal(init.keys().get(4));
    assertThat(done.get("sealed").asBoolean()).isFalse();
    assertThat(done.get("progress").asInt()).isZero();
    assertThat(anonymous.get("sys/health").status()).isEqualTo(200);
    assertThat(root.get("sys/mounts").status()).isEqualTo(200);
  }

  @Test
  void resetForgetsTheSharesGivenSoFar() {
    Init init = init();
    unseal(init.keys().get(0));
    unseal(init.keys().get(1));
    Answer reset = anonymous.put("sys/unseal", "{\"reset\":true}");
    assertThat(reset.body().get("progress").asInt()).isZero();
    unseal(init.keys().get(2));
    assertThat(anonymous.get("sys/seal-status").body().get("sealed").asBoolean()).isTrue();
  }

  @Test
  void dataWrittenBeforeSealingIsReadableAfterUnsealingWithOtherShares() {
    Init init = init();
    for (int i = 0; i < 3; i++) {
      unseal(init.keys().get(i));
    }
    VaultApi root = anonymous.withToken(init.rootToken());
    assertThat(
            root.post("sys/mounts/secret", "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}")
                .status())
        .isIn(200, 204);
    assertThat(root.post("secret/data/app", "{\"data\":{\"pw\":\"p\"}}").status()).isEqualTo(200);

    assertThat(root.put("sys/seal", null).status()).isIn(200, 204);
    Answer sealed = root.get("secret/data/app");
    assertThat(sealed.status()).isEqualTo(503);
    assertThat(sealed.errors()).contains("sealed");
    assertThat(anonymous.get("sys/seal-status").body().get("sealed").asBoolean()).isTrue();

    for (int i = 2; i < 5; i++) {
      unseal(init.keys().get(i));
    }
    assertThat(root.get("secret/data/app").data().get("data").get("pw").asText()).isEqualTo("p");
  }

  @Test
  void wrongSharesAreRefusedAndTheServerStaysSealed() {
    Init init = init();
    Init other;
    try (CofferServer second = TestServers.inMemoryWithShamirSeal()) {
      Answer a =
          TestServers.api(second, null)
              .put("sys/init", "{\"secret_shares\":5,\"secret_threshold\":3}");
      List<String> keys = new ArrayList<>();
      a.body().get("keys").forEach(k -> keys.add(k.asText()));
      other = new Init(keys, List.of(), "");
    }
    unseal(other.keys().get(0));
    unseal(other.keys().get(1));
    Answer wrong = anonymous.put("sys/unseal", "{\"key\":\"" + other.keys().get(2) + "\"}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.errors()).doesNotContain(other.keys().get(2));
    JsonNode status = anonymous.get("sys/seal-status").body();
    assertThat(status.get("sealed").asBoolean()).isTrue();
    assertThat(status.get("progress").asInt()).isZero();

    Answer garbage = anonymous.put("sys/unseal", "{\"key\":\"not-a-key!\"}");
    assertThat(garbage.status()).isEqualTo(400);

    for (int i = 0; i < 3; i++) {
      unseal(init.keys().get(i));
    }
    assertThat(anonymous.get("sys/seal-status").body().get("sealed").asBoolean()).isFalse();
  }

  @Test
  void secondInitIsRefused() {
    init();
    Answer again = anonymous.put("sys/init", "{\"secret_shares\":1,\"secret_threshold\":1}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.errors()).contains("already initialized");
  }

  @Test
  void thresholdAboveSharesIsRefused() {
    Answer a = anonymous.put("sys/init", "{\"secret_shares\":2,\"secret_threshold\":3}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(anonymous.get("sys/init").body().get("initialized").asBoolean()).isFalse();
  }
}
