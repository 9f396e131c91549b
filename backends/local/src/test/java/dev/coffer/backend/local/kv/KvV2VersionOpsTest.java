package dev.coffer.backend.local.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.CofferException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KvV2VersionOpsTest extends KvV2TestBase {

  @Test
  void deleteSoftDeletesTheNamedVersionsOnly() {
    put("k", Map.of("v", "1"));
    put("k", Map.of("v", "2"));
    put("k", Map.of("v", "3"));
    assertThat(kv.write("delete/k", Map.of("versions", List.of(1, 3))).data()).isNull();
    notFound(() -> kv.read("data/k", Map.of("version", 1)));
    notFound(() -> kv.read("data/k"));
    assertThat(secretData(kv.read("data/k", Map.of("version", 2)))).containsEntry("v", "2");
    assertThat(versionEntry("k", "1")).containsEntry("deletion_time", START_TEXT);
  }

  @Test
  void undeleteRestoresSoftDeletedVersions() {
    put("k", Map.of("v", "1"));
    kv.write("delete/k", Map.of("versions", "1"));
    kv.write("undelete/k", Map.of("versions", List.of(1)));
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "1");
    assertThat(metadataOf(kv.read("data/k").data())).containsEntry("deletion_time", "");
  }

  @Test
  void destroyRemovesTheDataForGoodAndUndeleteCannotBringItBack() {
    put("k", Map.of("v", "1"));
    put("k", Map.of("v", "2"));
    kv.write("destroy/k", Map.of("versions", List.of(1)));
    CofferException e = notFound(() -> kv.read("data/k", Map.of("version", 1)));
    assertThat(e.data()).containsEntry("data", null);
    assertThat(metadataOf(e.data())).containsEntry("destroyed", true).containsEntry("version", 1L);
    kv.write("undelete/k", Map.of("versions", List.of(1)));
    notFound(() -> kv.read("data/k", Map.of("version", 1)));
    assertThat(storage.keys()).doesNotContain(KvStore.versionKey("k", 1));
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "2");
  }

  @Test
  void versionOperationsWithoutVersionsAreRefused() {
    put("k", Map.of("v", "1"));
    for (String op : List.of("delete", "undelete", "destroy")) {
      badRequest(() -> kv.write(op + "/k", Map.of()), "no version number provided");
      badRequest(
          () -> kv.write(op + "/k", Map.of("versions", List.of())), "no version number provided");
    }
  }

  @Test
  void versionOperationsOnMissingSecretsOrVersionsDoNothing() {
    assertThat(kv.write("delete/none", Map.of("versions", List.of(1))).data()).isNull();
    assertThat(kv.write("destroy/none", Map.of("versions", List.of(1))).data()).isNull();
    put("k", Map.of("v", "1"));
    kv.write("delete/k", Map.of("versions", List.of(9)));
    assertThat(secretData(kv.read("data/k"))).containsEntry("v", "1");
  }

  @Test
  void deletingAnAlreadyDeletedVersionKeepsItsFirstDeletionTime() {
    put("k", Map.of("v", "1"));
    kv.write("delete/k", Map.of("versions", List.of(1)));
    clock.advance(Duration.ofHours(1));
    kv.write("delete/k", Map.of("versions", List.of(1)));
    assertThat(metadataOf(failure(() -> kv.read("data/k")).data()))
        .containsEntry("deletion_time", START_TEXT);
  }

  @Test
  void subkeysShowsTheKeyTreeWithNullLeavesAndNullForEmptyObjects() {
    put("k", nested());
    Map<String, Object> data = kv.read("subkeys/k").data();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("top", null);
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("leaf", null);
    Map<String, Object> deeper = new LinkedHashMap<>();
    deeper.put("x", null);
    inner.put("deeper", deeper);
    expected.put("obj", inner);
    expected.put("list", null);
    expected.put("empty", null);
    assertThat(data.get("subkeys")).isEqualTo(expected);
    assertThat(metadataOf(data)).containsEntry("version", 1L).containsEntry("destroyed", false);
  }

  @Test
  void subkeysDepthLimitsHowManyLevelsAreExpanded() {
    put("k", nested());
    Map<String, Object> one = kv.read("subkeys/k", Map.of("depth", "1")).data();
    Map<String, Object> flat = new LinkedHashMap<>();
    flat.put("top", null);
    flat.put("obj", null);
    flat.put("list", null);
    flat.put("empty", null);
    assertThat(one.get("subkeys")).isEqualTo(flat);
    Map<String, Object> two = kv.read("subkeys/k", Map.of("depth", 2)).data();
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("leaf", null);
    inner.put("deeper", null);
    assertThat(((Map<?, ?>) two.get("subkeys")).get("obj")).isEqualTo(inner);
  }

  @Test
  void subkeysOfAnOlderDeletedOrMissingVersion() {
    put("k", Map.of("a", "1"));
    put("k", Map.of("b", "2"));
    assertThat(kv.read("subkeys/k", Map.of("version", 1)).data().get("subkeys"))
        .isEqualTo(singleNull("a"));
    kv.delete("data/k");
    CofferException e = notFound(() -> kv.read("subkeys/k"));
    assertThat(e.data()).containsEntry("subkeys", null);
    notFound(() -> kv.read("subkeys/none"));
    badRequest(
        () -> kv.read("subkeys/k", Map.of("depth", -1)), "depth must be a non-negative integer");
  }

  private static Map<String, Object> singleNull(String key) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(key, null);
    return m;
  }

  private static Map<String, Object> nested() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("top", "secret");
    data.put("obj", Map.of("leaf", 1, "deeper", Map.of("x", "y")));
    data.put("list", List.of(Map.of("in", "list")));
    data.put("empty", Map.of());
    return data;
  }
}
