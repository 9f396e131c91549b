package dev.coffer.server.core;

import static dev.coffer.server.core.CoreTesting.failed;
import static dev.coffer.server.core.CoreTesting.ok;
import static dev.coffer.server.core.CoreTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoreRoutingTest {
  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final Core core = CoreTesting.staticCore(backend);
  private String root;

  @BeforeEach
  void initialize() {
    InitResult init = core.initialize(1, 1);
    assertThat(init.keyShares()).isEmpty();
    assertThat(core.sealed()).isFalse();
    root = init.rootToken();
  }

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void everyPathButTheOpenOnesNeedsAValidToken() {
    core.enableMount("memo", "memo", Map.of(), "");

    for (String token : new String[] {null, "", "cfs.notatoken", root + "x"}) {
      CofferException e =
          failed(
              core.handle(request(RequestMethod.GET, "memo/info", token)),
              ErrorCode.PERMISSION_DENIED);
      assertThat(e.errors()).containsExactly("permission denied");
      failed(
          core.handle(request(RequestMethod.GET, "sys/mounts", token)),
          ErrorCode.PERMISSION_DENIED);
      failed(
          core.handle(request(RequestMethod.GET, "nowhere/x", token)), ErrorCode.PERMISSION_DENIED);
    }
    assertThat(ok(core.handle(request(RequestMethod.GET, "memo/public/hello", null))))
        .containsEntry("hello", "");
    ok(core.handle(request(RequestMethod.GET, "memo/info", root)));
  }

  @Test
  void aCustomRootTokenIdWorks() {
    core.createRootToken("dev-root");

    ok(core.handle(request(RequestMethod.GET, "sys/mounts", "dev-root")));
  }

  @Test
  void lookupSelfAnswersVaultsShapeForTheRootToken() {
    Map<String, Object> data =
        ok(core.handle(request(RequestMethod.GET, "auth/token/lookup-self", root)));

    assertThat(data)
        .containsEntry("id", root)
        .containsEntry("display_name", "root")
        .containsEntry("policies", List.of("root"))
        .containsEntry("path", "auth/token/root")
        .containsEntry("orphan", true)
        .containsEntry("renewable", false)
        .containsEntry("ttl", 0L)
        .containsEntry("creation_ttl", 0L)
        .containsEntry("explicit_max_ttl", 0L)
        .containsEntry("num_uses", 0L)
        .containsEntry("entity_id", "")
        .containsEntry("expire_time", null)
        .containsEntry("meta", null)
        .containsEntry("type", "service")
        .containsKeys("accessor", "creation_time");
    failed(
        core.handle(request(RequestMethod.GET, "auth/token/lookup-self", "cfs.bad")),
        ErrorCode.PERMISSION_DENIED);
  }

  @Test
  void tokensAreStoredOnlyAsHmacs() {
    String all = dump();
    assertThat(all).doesNotContain(root);
    assertThat(backend.list("sys/token/id/")).hasSize(1).allMatch(k -> k.matches("[0-9a-f]{64}"));
    assertThat(backend.list("sys/token/accessor/")).hasSize(1);
  }

  @Test
  void longestPrefixWinsAndEnginesAreIsolated() {
    core.enableMount("team", "memo", Map.of(), "");
    core.enableMount("teamwork", "memo", Map.of(), "");
    core.enableMount("deep/nested", "memo", Map.of(), "");
    write("team/data/x", "team");
    write("teamwork/data/x", "teamwork");
    write("deep/nested/data/x", "deep");

    assertThat(read("team/data/x")).containsEntry("value", "team");
    assertThat(read("teamwork/data/x")).containsEntry("value", "teamwork");
    assertThat(read("deep/nested/data/x")).containsEntry("value", "deep");
    assertThat(ok(core.handle(request(RequestMethod.GET, "deep/nested/info", root))))
        .containsEntry("mount", "deep/nested/");
    failed(core.handle(request(RequestMethod.GET, "deep/info", root)), ErrorCode.NOT_FOUND);
    assertThat(ok(core.handle(request(RequestMethod.GET, "team/raw/x", root))))
        .containsEntry("found", true);
    assertThat(ok(core.handle(request(RequestMethod.GET, "teamwork/raw/x", root))))
        .containsEntry("found", true);
    write("team/data/only-in-team", "t");
    assertThat(ok(core.handle(request(RequestMethod.GET, "teamwork/raw/only-in-team", root))))
        .containsEntry("found", false);
    assertThat(ok(core.handle(request(RequestMethod.GET, "team/raw/core/mounts", root))))
        .containsEntry("found", false);
  }

  @Test
  void theMostSpecificPathWinsWithinAnEngine() {
    core.enableMount("memo", "memo", Map.of(), "");

    assertThat(ok(core.handle(request(RequestMethod.GET, "memo/data/special", root))))
        .containsEntry("special", true);
  }

  @Test
  void putAndPostChooseCreateOrUpdateByExistence() {
    core.enableMount("memo", "memo", Map.of(), "");

    assertThat(write("memo/data/k", "1")).containsEntry("operation", "CREATE");
    assertThat(write("memo/data/k", "2")).containsEntry("operation", "UPDATE");
    assertThat(ok(core.handle(request(RequestMethod.POST, "memo/only-create", root, Map.of()))))
        .containsEntry("op", "create");
  }

  @Test
  void fieldsAreConvertedToTheirDeclaredTypes() {
    core.enableMount("memo", "memo", Map.of(), "");

    assertThat(
            ok(
                core.handle(
                    request(
                        RequestMethod.PUT,
                        "memo/data/k",
                        root,
                        Map.of("value", "v", "count", "7")))))
        .containsEntry("count", 7L);
    CofferException e =
        failed(
            core.handle(request(RequestMethod.PUT, "memo/data/k", root, Map.of("count", "many"))),
            ErrorCode.INVALID_REQUEST);
    assertThat(e.errors().get(0)).contains("\"count\"");
  }

  @Test
  void listDeleteAndTrailingSlashes() {
    core.enableMount("memo", "memo", Map.of(), "");
    write("memo/data/dir/a", "1");
    write("memo/data/b", "2");

    assertThat(ok(core.handle(request(RequestMethod.LIST, "memo/data/", root))))
        .containsEntry("keys", List.of("b", "dir/"));
    assertThat(ok(core.handle(request(RequestMethod.LIST, "memo/data/dir/", root))))
        .containsEntry("keys", List.of("a"));
    assertThat(core.handle(request(RequestMethod.DELETE, "memo/data/b", root)))
        .isInstanceOf(CoreResult.Ok.class);
    failed(core.handle(request(RequestMethod.GET, "memo/data/b", root)), ErrorCode.NOT_FOUND);
  }

  @Test
  void unknownPathsAre404AndUnsupportedOperations405() {
    core.enableMount("memo", "memo", Map.of(), "");

    assertThat(
            failed(core.handle(request(RequestMethod.GET, "nowhere/x", root)), ErrorCode.NOT_FOUND)
                .errors())
        .containsExactly("no handler for route \"nowhere/x\". route entry not found.");
    assertThat(
            failed(
                    core.handle(request(RequestMethod.GET, "memo/nothing", root)),
                    ErrorCode.NOT_FOUND)
                .errors())
        .containsExactly("no handler for route \"memo/nothing\". route entry not found.");
    assertThat(
            failed(
                    core.handle(request(RequestMethod.DELETE, "memo/info", root)),
                    ErrorCode.UNSUPPORTED_OPERATION)
                .errors())
        .containsExactly("unsupported operation");
  }

  @Test
  void traversalControlCharactersAndBackslashesAreRejectedEverywhere() {
    for (String path :
        List.of(
            "memo/../sys/mounts",
            "sys/../sys/seal",
            "./sys/health",
            "memo/data/a\u0000b",
            "memo/data/a\nb",
            "memo\\data",
            "sys/health/..")) {
      CofferException e =
          failed(core.handle(request(RequestMethod.GET, path, root)), ErrorCode.INVALID_REQUEST);
      assertThat(e.errors()).containsExactly("invalid request path");
    }
  }

  @Test
  void anUnexpectedEngineFailureIsAnInternalErrorWithoutItsMessage() {
    core.enableMount("memo", "memo", Map.of(), "");

    CofferException e =
        failed(core.handle(request(RequestMethod.GET, "memo/boom", root)), ErrorCode.INTERNAL);

    assertThat(e.errors()).containsExactly("internal error");
  }

  @Test
  void engineDataInStorageContainsNoPlaintext() {
    core.enableMount("memo", "memo", Map.of(), "");
    write("memo/data/k", "plaintext-marker-123");

    assertThat(dump()).doesNotContain("plaintext-marker-123").doesNotContain("memo/");
  }

  @Test
  void rotateAddsATermAndKeyStatusShowsIt() {
    core.enableMount("memo", "memo", Map.of(), "");
    write("memo/data/before", "old");
    assertThat(ok(core.handle(request(RequestMethod.GET, "sys/key-status", root))))
        .containsEntry("term", 1)
        .containsKeys("install_time", "encryptions");

    assertThat(core.handle(request(RequestMethod.PUT, "sys/rotate", root)))
        .isInstanceOf(CoreResult.Ok.class);
    write("memo/data/after", "new");

    assertThat(ok(core.handle(request(RequestMethod.GET, "sys/key-status", root))))
        .containsEntry("term", 2);
    assertThat(read("memo/data/before")).containsEntry("value", "old");
    assertThat(read("memo/data/after")).containsEntry("value", "new");
    failed(
        core.handle(request(RequestMethod.PUT, "sys/rotate", null)), ErrorCode.PERMISSION_DENIED);
  }

  private Map<String, Object> write(String path, String value) {
    return ok(core.handle(request(RequestMethod.PUT, path, root, Map.of("value", value))));
  }

  private Map<String, Object> read(String path) {
    return ok(core.handle(request(RequestMethod.GET, path, root)));
  }

  private String dump() {
    StringBuilder b = new StringBuilder();
    dump("", b);
    return b.toString();
  }

  private void dump(String prefix, StringBuilder b) {
    for (String child : backend.list(prefix)) {
      if (child.endsWith("/")) {
        dump(prefix + child, b);
      } else {
        b.append(
            new String(backend.get(prefix + child).orElseThrow(), StandardCharsets.ISO_8859_1));
      }
    }
  }
}
