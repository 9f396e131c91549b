package dev.coffer.server.core;

import static dev.coffer.server.core.CoreTesting.failed;
import static dev.coffer.server.core.CoreTesting.ok;
import static dev.coffer.server.core.CoreTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.backend.local.storage.InMemoryStorageBackend;
import dev.coffer.spi.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CoreMountsTest {
  private final InMemoryStorageBackend backend = new InMemoryStorageBackend();
  private final Core core = CoreTesting.staticCore(backend);
  private String root;

  @BeforeEach
  void initialize() {
    root = core.initialize(1, 1).rootToken();
  }

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void enablingAMountShowsItInTheListWithVaultsShape() {
    assertThat(
            call(
                RequestMethod.POST,
                "sys/mounts/memo",
                Map.of(
                    "type",
                    "memo",
                    "description",
                    "notes",
                    "config",
                    Map.of("default_lease_ttl", "1h", "max_lease_ttl", 7200),
                    "options",
                    Map.of("version", 2))))
        .isInstanceOf(CoreResult.Ok.class);

    Map<String, Object> mounts = ok(call(RequestMethod.GET, "sys/mounts", Map.of()));

    assertThat(mounts).containsKeys("memo/", "sys/");
    @SuppressWarnings("unchecked")
    Map<String, Object> memo = (Map<String, Object>) mounts.get("memo/");
    assertThat(memo)
        .containsEntry("type", "memo")
        .containsEntry("description", "notes")
        .containsEntry("options", Map.of("version", "2"))
        .containsEntry("local", false)
        .containsEntry("seal_wrap", false)
        .containsKeys("uuid", "accessor", "config");
    assertThat((String) memo.get("accessor")).matches("memo_[0-9a-f]{8}");
    assertThat(memo.get("config"))
        .isEqualTo(
            Map.of("default_lease_ttl", 3600L, "force_no_cache", false, "max_lease_ttl", 7200L));
    @SuppressWarnings("unchecked")
    Map<String, Object> sys = (Map<String, Object>) mounts.get("sys/");
    assertThat(sys).containsEntry("type", "system");
    assertThat(ok(call(RequestMethod.GET, "sys/mounts/memo", Map.of())))
        .containsEntry("type", "memo");
    assertThat(ok(core.handle(request(RequestMethod.GET, "memo/info", root))))
        .containsEntry("default_ttl", 3600L)
        .containsEntry("max_ttl", 7200L);
  }

  @Test
  void unknownTypesAreNotInTheCatalog() {
    assertThat(error(call(RequestMethod.POST, "sys/mounts/x", Map.of("type", "nosuch"))))
        .isEqualTo("plugin not found in the catalog: nosuch");
  }

  @Test
  void aMissingTypeOrInconsistentTtlsAre400() {
    assertThat(error(call(RequestMethod.POST, "sys/mounts/x", Map.of())))
        .isEqualTo("backend type must be specified as a string");
    assertThat(
            error(
                call(
                    RequestMethod.POST,
                    "sys/mounts/x",
                    Map.of(
                        "type",
                        "memo",
                        "config",
                        Map.of("default_lease_ttl", "2h", "max_lease_ttl", "1h")))))
        .isEqualTo("given default lease TTL greater than given max lease TTL");
    assertThat(
            error(
                call(
                    RequestMethod.POST,
                    "sys/mounts/x",
                    Map.of("type", "memo", "config", Map.of("max_lease_ttl", "soon")))))
        .contains("\"max_lease_ttl\"");
  }

  @Test
  void engineOptionErrorsAre400AndMountNothing() {
    assertThat(
            error(
                call(
                    RequestMethod.POST,
                    "sys/mounts/x",
                    Map.of("type", "memo", "options", Map.of("mode", "bad")))))
        .isEqualTo("invalid value for option 'mode'");
    assertThat(ok(call(RequestMethod.GET, "sys/mounts", Map.of()))).doesNotContainKey("x/");
  }

  @Test
  void pathConflictsAreRefusedEitherWay() {
    core.enableMount("secret", "memo", Map.of(), "");

    assertThat(error(call(RequestMethod.POST, "sys/mounts/secret", Map.of("type", "memo"))))
        .isEqualTo("path is already in use at secret/");
    assertThat(error(call(RequestMethod.POST, "sys/mounts/secret/sub", Map.of("type", "memo"))))
        .isEqualTo("path is already in use at secret/");
    core.enableMount("a/b", "memo", Map.of(), "");
    assertThat(error(call(RequestMethod.POST, "sys/mounts/a", Map.of("type", "memo"))))
        .isEqualTo("path is already in use at a/b/");
  }

  @Test
  void reservedPrefixesCannotBeMounted() {
    for (String path : new String[] {"sys/x", "auth/x", "cubbyhole", "identity/x"}) {
      assertThat(error(call(RequestMethod.POST, "sys/mounts/" + path, Map.of("type", "memo"))))
          .startsWith("cannot mount");
    }
  }

  @Test
  void disablingClosesTheEngineAndDeletesItsData() {
    core.enableMount("memo", "memo", Map.of(), "");
    ok(core.handle(request(RequestMethod.PUT, "memo/data/k", root, Map.of("value", "v"))));
    String uuid =
        core.handle(request(RequestMethod.GET, "sys/mounts/memo", root)) instanceof CoreResult.Ok o
            ? (String) o.response().data().get("uuid")
            : null;
    assertThat(backend.list("logical/" + uuid + "/")).isNotEmpty();
    int closed = MemoEnginePlugin.CLOSED.get();

    assertThat(call(RequestMethod.DELETE, "sys/mounts/memo", Map.of()))
        .isInstanceOf(CoreResult.Ok.class);

    assertThat(MemoEnginePlugin.CLOSED.get()).isGreaterThan(closed);
    assertThat(backend.list("logical/" + uuid + "/")).isEmpty();
    failed(core.handle(request(RequestMethod.GET, "memo/data/k", root)), ErrorCode.NOT_FOUND);
    assertThat(call(RequestMethod.DELETE, "sys/mounts/memo", Map.of()))
        .isInstanceOf(CoreResult.Ok.class);
    assertThat(error(call(RequestMethod.DELETE, "sys/mounts/sys", Map.of())))
        .isEqualTo("cannot unmount \"sys/\"");
  }

  @Test
  void tuneChangesTtlsDescriptionAndOptionsAndRestartsTheEngine() {
    core.enableMount("memo", "memo", Map.of("version", "1"), "before");
    ok(core.handle(request(RequestMethod.PUT, "memo/data/k", root, Map.of("value", "v"))));
    int closed = MemoEnginePlugin.CLOSED.get();

    assertThat(
            call(
                RequestMethod.POST,
                "sys/mounts/memo/tune",
                Map.of(
                    "default_lease_ttl", "30m",
                    "max_lease_ttl", "2h",
                    "description", "after",
                    "options", Map.of("version", "2"))))
        .isInstanceOf(CoreResult.Ok.class);

    assertThat(MemoEnginePlugin.CLOSED.get()).isGreaterThan(closed);
    assertThat(ok(call(RequestMethod.GET, "sys/mounts/memo/tune", Map.of())))
        .containsEntry("default_lease_ttl", 1800L)
        .containsEntry("max_lease_ttl", 7200L)
        .containsEntry("description", "after")
        .containsEntry("options", Map.of("version", "2"));
    assertThat(ok(core.handle(request(RequestMethod.GET, "memo/info", root))))
        .containsEntry("options", Map.of("version", "2"))
        .containsEntry("default_ttl", 1800L);
    assertThat(ok(core.handle(request(RequestMethod.GET, "memo/data/k", root))))
        .containsEntry("value", "v");
    assertThat(error(call(RequestMethod.POST, "sys/mounts/nothing/tune", Map.of())))
        .isEqualTo("no mount entry found at nothing/");
  }

  @Test
  void untunedMountsReportTheSystemDefaultTtls() {
    core.enableMount("memo", "memo", Map.of(), "");

    assertThat(ok(call(RequestMethod.GET, "sys/mounts/memo/tune", Map.of())))
        .containsEntry("default_lease_ttl", 2764800L)
        .containsEntry("max_lease_ttl", 2764800L);
  }

  @Test
  void kvTypeAliasMountsVersionTwo() {
    ok(call(RequestMethod.POST, "sys/mounts/x", Map.of("type", "kv-v2")));

    assertThat(ok(call(RequestMethod.GET, "sys/internal/ui/mounts/x", Map.of())))
        .containsEntry("type", "kv")
        .containsEntry("options", Map.of("version", "2"));
  }

  @Test
  void theUiMountsEndpointNamesTheMountServingAPath() {
    core.enableMount("secret", "memo", Map.of("version", "2"), "");

    assertThat(ok(call(RequestMethod.GET, "sys/internal/ui/mounts/secret/app/config", Map.of())))
        .containsEntry("path", "secret/")
        .containsEntry("type", "memo")
        .containsEntry("options", Map.of("version", "2"));
    assertThat(
            failed(
                    call(RequestMethod.GET, "sys/internal/ui/mounts/nothing/here", Map.of()),
                    ErrorCode.PERMISSION_DENIED)
                .errors()
                .get(0))
        .startsWith("preflight capability check returned 403");
    Map<String, Object> all = ok(call(RequestMethod.GET, "sys/internal/ui/mounts", Map.of()));
    assertThat(all).containsKeys("secret", "auth");
  }

  private CoreResult call(RequestMethod method, String path, Map<String, Object> body) {
    return core.handle(request(method, path, root, body));
  }

  private static String error(CoreResult result) {
    return failed(result, ErrorCode.INVALID_REQUEST).errors().get(0);
  }
}
