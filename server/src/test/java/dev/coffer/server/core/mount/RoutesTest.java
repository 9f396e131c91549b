package dev.coffer.server.core.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
  private final Routes routes = new Routes();

  @Test
  void aPathGoesToTheLongestMountPathThatPrefixesIt() {
    routes.publish("secret/", mount("secret/"));
    routes.publish("secret/team/", mount("secret/team/"));

    assertThat(routes.route("secret/team/db").orElseThrow().entry().path())
        .isEqualTo("secret/team/");
    assertThat(routes.route("secret/other").orElseThrow().entry().path()).isEqualTo("secret/");
    assertThat(routes.route("secret").orElseThrow().entry().path()).isEqualTo("secret/");
    assertThat(routes.route("secrets/x")).isEmpty();
  }

  @Test
  void onlyBuiltInsStayRoutedAndTheOthersAreAnswered() {
    routes.addBuiltIn(mount("sys/"));
    routes.load(List.of(mount("kv/"), mount("auth/approle/")));

    List<MountedEngine> dropped = routes.onlyBuiltIns();

    assertThat(dropped).extracting(m -> m.entry().path()).containsExactly("auth/approle/", "kv/");
    assertThat(routes.paths()).containsExactly("sys/");
  }

  @Test
  void userMountsLeaveOutBuiltInsAndAuthMethods() {
    routes.addBuiltIn(mount("sys/"));
    routes.addBuiltIn(mount("auth/token/"));
    routes.load(List.of(mount("kv/"), mount("auth/approle/"), mount("db/")));

    assertThat(routes.entries()).extracting(MountEntry::path).containsExactly("db/", "kv/");
    assertThat(routes.authEntries())
        .extracting(MountEntry::path)
        .containsExactly("auth/approle/", "auth/token/");
  }

  private static MountedEngine mount(String path) {
    return new MountedEngine(
        new MountEntry(path, "kv", "", "uuid-" + path, "kv_" + path, Map.of(), 0, 0, false, false),
        null);
  }
}
