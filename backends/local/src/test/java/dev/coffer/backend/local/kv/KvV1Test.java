package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Operation;
import dev.coffer.spi.testkit.EngineHarness;
import dev.coffer.spi.testkit.InMemoryStorage;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvV1Test {
  private final InMemoryStorage storage = new InMemoryStorage();
  private final EngineHarness kv = mount(Map.of());

  private EngineHarness mount(Map<String, String> options) {
    return new EngineHarness(
        new KvEngineFactory()
            .create(new TestMountContext("kv/", "kv", options, storage, Clock.systemUTC())),
        "kv/");
  }

  @Test
  void versionOneIsTheDefaultAndStoresPlainSecretsUnderTheirPath() {
    assertThat(kv.write("app/db", Map.of("password", "s3cret", "port", 5432)).data()).isNull();
    assertThat(kv.read("app/db").data())
        .containsOnly(Map.entry("password", "s3cret"), Map.entry("port", 5432));
    assertThat(storage.keys()).containsExactly("app/db");
  }

  @Test
  void aWriteReplacesTheWholeSecret() {
    kv.write("k", Map.of("a", "1", "b", "2"));
    kv.write("k", Map.of("c", "3"));
    assertThat(kv.read("k").data()).containsOnlyKeys("c");
  }

  @Test
  void aWriteIsCreateThenUpdate() {
    assertThat(kv.resolvedOperation(Operation.UPDATE, "k", Map.of("a", "b")))
        .isEqualTo(Operation.CREATE);
    kv.write("k", Map.of("a", "b"));
    assertThat(kv.resolvedOperation(Operation.UPDATE, "k", Map.of("a", "b")))
        .isEqualTo(Operation.UPDATE);
  }

  @Test
  void aWriteWithoutFieldsIsRefused() {
    KvV2TestBase.badRequest(() -> kv.write("k", Map.of()), "missing data fields");
  }

  @Test
  void readingAMissingOrDeletedSecretIs404() {
    KvV2TestBase.notFound(() -> kv.read("none"));
    kv.write("k", Map.of("a", "b"));
    assertThat(kv.delete("k").data()).isNull();
    KvV2TestBase.notFound(() -> kv.read("k"));
    assertThat(kv.delete("k").data()).isNull();
  }

  @Test
  void listShowsSecretsAndFoldersAndAnEmptyListIs404() {
    KvV2TestBase.notFound(() -> kv.list(""));
    kv.write("a", Map.of("x", "1"));
    kv.write("dir/b", Map.of("x", "1"));
    kv.write("dir/sub/c", Map.of("x", "1"));
    assertThat(kv.listKeys("")).containsExactly("a", "dir/");
    assertThat(kv.listKeys("dir")).containsExactly("b", "sub/");
    KvV2TestBase.notFound(() -> kv.list("nothing"));
  }

  @Test
  void versionOptionOneOrEmptyMountsVersionOne() {
    mount(Map.of("version", "1")).write("k", Map.of("a", "b"));
    assertThat(mount(Map.of("version", "")).read("k").data()).containsEntry("a", "b");
  }

  @Test
  void anUnknownVersionOptionIsA400NamingTheOption() {
    var e =
        KvV2TestBase.failure(
            () ->
                new KvEngineFactory()
                    .create(
                        new TestMountContext(
                            "kv/", "kv", Map.of("version", "3"), storage, Clock.systemUTC())));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("\"version\"");
  }

  @Test
  void pathTraversalSegmentsAreRefused() {
    for (String path : new String[] {"a/../b", "..", "a/./b", "a//b", "a/\u0000"}) {
      var e = KvV2TestBase.failure(() -> kv.write(path, Map.of("x", "1")));
      assertThat(e.code()).as(path).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
  }
}
