package dev.coffer.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CofferTestServerTest {

  @Test
  void aStartedServerIsUnsealedAndServesAMountedEngineWithTheRootToken() {
    try (CofferTestServer coffer = CofferTestServer.start()) {
      coffer.mount("kv", "kv", Map.of("version", "1"));
      assertThat(coffer.post("kv/app", Map.of("password", "s3cret")).status()).isEqualTo(204);

      CofferTestServer.Answer read = coffer.get("kv/app");
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.data()).containsEntry("password", "s3cret");
      assertThat(coffer.list("kv/").data()).containsEntry("keys", List.of("app"));
    }
  }

  @Test
  void sysPluginsListsThePluginsOnTheClassPathAsBuiltIn() {
    try (CofferTestServer coffer = CofferTestServer.start()) {
      CofferTestServer.Answer a = coffer.get("sys/plugins");
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.data().get("plugins").toString()).contains("name=local", "source=builtin");
    }
  }

  @Test
  void anUnknownPathAnswers404WithVaultsErrorShape() {
    try (CofferTestServer coffer = CofferTestServer.start()) {
      CofferTestServer.Answer a = coffer.get("nothing/here");
      assertThat(a.status()).isEqualTo(404);
      assertThat(a.errors()).isNotEmpty();
    }
  }
}
