package dev.coffer.server.core;

import static dev.coffer.server.core.CoreTesting.ok;
import static dev.coffer.server.core.CoreTesting.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.server.core.seal.StaticSeal;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.StorageBackend;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CoreRestartTest {
  /** The same data across "restarts": closing a core must not drop it. */
  private final InMemoryStorageBackend data = new InMemoryStorageBackend();

  @Test
  void aNewCoreWithTheStaticSealAutoUnsealsAndKeepsMountsDataAndTokens() {
    String root;
    try (Core first = CoreTesting.staticCore(survivor())) {
      root = first.initialize(1, 1).rootToken();
      first.enableMount("notes", "memo", Map.of("version", "2"), "kept");
      ok(first.handle(request(RequestMethod.PUT, "notes/data/a", root, Map.of("value", "v1"))));
      ok(first.handle(request(RequestMethod.PUT, "sys/rotate", root)));
    }

    try (Core second = CoreTesting.staticCore(survivor())) {
      assertThat(second.initialized()).isTrue();
      assertThat(second.sealed()).isFalse();
      assertThat(ok(second.handle(request(RequestMethod.GET, "notes/data/a", root))))
          .containsEntry("value", "v1");
      assertThat(ok(second.handle(request(RequestMethod.GET, "sys/mounts/notes", root))))
          .containsEntry("description", "kept")
          .containsEntry("options", Map.of("version", "2"));
      assertThat(ok(second.handle(request(RequestMethod.GET, "sys/key-status", root))))
          .containsEntry("term", 2);
    }
  }

  @Test
  void initThroughTheApiWithTheStaticSealAnswersNoKeysAndUnsealsAtOnce() {
    try (Core core = CoreTesting.staticCore(survivor())) {
      Map<String, Object> body =
          CoreTesting.raw(
              core.handle(
                  request(
                      RequestMethod.PUT,
                      "sys/init",
                      null,
                      Map.of("secret_shares", 5, "secret_threshold", 3))),
              200);

      assertThat(body).containsEntry("keys", List.of()).containsEntry("keys_base64", List.of());
      assertThat(core.sealed()).isFalse();
      assertThat(
              CoreTesting.raw(
                  core.handle(request(RequestMethod.GET, "sys/seal-status", null)), 200))
          .containsEntry("type", "static")
          .containsEntry("sealed", false);
      ok(core.handle(request(RequestMethod.GET, "sys/mounts", (String) body.get("root_token"))));
    }
  }

  @Test
  void aDifferentStaticKeyCannotStartTheCore() {
    try (Core first = CoreTesting.staticCore(survivor())) {
      first.initialize(1, 1);
    }
    Core second =
        new Core(
            survivor(), new StaticSeal(new byte[32]), CoreTesting.registry(), Clock.systemUTC());

    assertThatThrownBy(second::start)
        .isInstanceOf(CofferException.class)
        .hasMessageContaining("does not match");
    assertThat(second.sealed()).isTrue();
    second.close();
  }

  @Test
  void aShamirStoreStaysSealedAfterRestartUntilUnsealed() {
    InitResult init;
    try (Core first = CoreTesting.shamirCore(survivor())) {
      init = first.initialize(3, 2);
    }
    try (Core second = CoreTesting.shamirCore(survivor())) {
      assertThat(second.sealed()).isTrue();
      assertThat(second.unseal(init.keyShares().get(2))).isFalse();
      assertThat(second.unseal(init.keyShares().get(0))).isTrue();
      ok(second.handle(request(RequestMethod.GET, "sys/mounts", init.rootToken())));
    }
  }

  @Test
  void theAccessHistoryOfTheLastRequestsBeforeCloseSurvivesTheRestart() {
    String root;
    try (Core first = CoreTesting.staticCore(survivor())) {
      root = first.initialize(1, 1).rootToken();
      first.enableMount("notes", "memo", Map.of(), "");
      ok(first.handle(request(RequestMethod.PUT, "notes/data/a", root, Map.of("value", "v1"))));
      for (int i = 0; i < 50; i++) {
        ok(first.handle(request(RequestMethod.GET, "notes/data/a", root)));
      }
    }

    try (Core second = CoreTesting.staticCore(survivor())) {
      Map<String, Object> history =
          ok(
              second.handle(
                  request(
                      RequestMethod.GET,
                      "sys/access-log/notes/data/a",
                      root,
                      Map.of("limit", 1000))));
      assertThat((List<?>) history.get("entries")).hasSize(51);
    }
  }

  @Test
  void aStoreInitialisedWithAnotherSealTypeIsRefused() {
    try (Core first = CoreTesting.shamirCore(survivor())) {
      first.initialize(1, 1);
    }
    Core second = CoreTesting.staticCoreUnstarted(survivor());

    assertThatThrownBy(second::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'shamir' seal");
    second.close();
  }

  @Test
  void nothingInStorageIsPlaintext() {
    String root;
    try (Core core = CoreTesting.staticCore(survivor())) {
      root = core.initialize(1, 1).rootToken();
      core.enableMount("notes", "memo", Map.of(), "a-description-marker");
      ok(
          core.handle(
              request(RequestMethod.PUT, "notes/data/k", root, Map.of("value", "s3cr3t-marker"))));
    }
    StringBuilder all = new StringBuilder();
    dump("", all);

    assertThat(all.toString())
        .doesNotContain("s3cr3t-marker")
        .doesNotContain("a-description-marker")
        .doesNotContain(root)
        .doesNotContain("notes/");
    assertThat(new String(data.get("core/seal-config").orElseThrow(), StandardCharsets.UTF_8))
        .contains("\"type\":\"static\"");
  }

  private void dump(String prefix, StringBuilder b) {
    for (String child : data.list(prefix)) {
      if (child.endsWith("/")) {
        dump(prefix + child, b);
      } else if (!child.equals("seal-config") || !prefix.equals("core/")) {
        b.append(new String(data.get(prefix + child).orElseThrow(), StandardCharsets.ISO_8859_1));
      }
    }
  }

  /** A view of {@link #data} whose close() does nothing, as a file would survive a restart. */
  private StorageBackend survivor() {
    return new StorageBackend() {
      @Override
      public Optional<byte[]> get(String key) {
        return data.get(key);
      }

      @Override
      public void put(String key, byte[] value) {
        data.put(key, value);
      }

      @Override
      public void delete(String key) {
        data.delete(key);
      }

      @Override
      public List<String> list(String prefix) {
        return data.list(prefix);
      }

      @Override
      public boolean transactional() {
        return true;
      }

      @Override
      public <T> T transaction(Function<StorageBackend, T> work) {
        return data.transaction(work);
      }

      @Override
      public void close() {}
    };
  }
}
