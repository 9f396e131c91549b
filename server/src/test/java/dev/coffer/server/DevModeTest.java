package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.config.CofferConfig;
import dev.coffer.config.ListenerAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevModeTest {
  @TempDir Path dir;

  @Test
  void byDefaultDevModeIsInMemoryWithARandomStaticSealKey() {
    CofferConfig first = DevMode.config(DevOptions.defaults());
    CofferConfig second = DevMode.config(DevOptions.defaults());
    assertThat(first.listener().address()).isEqualTo(new ListenerAddress("127.0.0.1", 8200));
    assertThat(first.storageType()).isEqualTo("inmem");
    assertThat(first.storageOptions()).isEmpty();
    assertThat(first.sealType()).isEqualTo("static");
    assertThat(first.sealOptions().keySet()).containsExactly("key");
    assertThat(first.sealOptions().get("key")).matches("[0-9a-f]{64}");
    assertThat(first.sealOptions().get("key")).isNotEqualTo(second.sealOptions().get("key"));
  }

  @Test
  void withADataDirectoryDevModeUsesSqliteAndAGeneratedKeyFile() {
    Path data = dir.resolve("new/data");
    CofferConfig c = DevMode.config(new DevOptions(null, "127.0.0.1:0", data));
    assertThat(Files.isDirectory(data)).isTrue();
    assertThat(c.storageType()).isEqualTo("sqlite");
    assertThat(c.storageOptions()).containsEntry("path", data.resolve("coffer.db").toString());
    assertThat(c.sealType()).isEqualTo("static");
    assertThat(c.sealOptions())
        .containsEntry("key_path", data.resolve("seal.key").toString())
        .containsEntry("generate", "true");
    assertThat(c.listener().address().port()).isZero();
  }

  @Test
  void aBadListenAddressNamesTheDevOption() {
    assertThatThrownBy(() -> DevMode.config(new DevOptions(null, "nowhere", null)))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("invalid value for '--dev-listen-address'");
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> DevMode.config(new DevOptions(null, null, file.resolve("sub"))))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("invalid value for '--dev-data-dir'");
  }

  @Test
  void randomRootTokensHaveThePrefixAndDiffer() {
    String a = DevMode.randomRootTokenId();
    assertThat(a).matches("cfs\\.[A-Za-z0-9]{32}");
    assertThat(a).isNotEqualTo(DevMode.randomRootTokenId());
  }

  @Test
  void theBannerShowsAddressTokenAndHowToUseThem() {
    String banner = DevMode.banner("http://127.0.0.1:8200", "cfs.root", DevOptions.defaults());
    assertThat(banner)
        .contains("WARNING! dev mode is enabled!")
        .contains("export COFFER_ADDR='http://127.0.0.1:8200'")
        .contains("export VAULT_ADDR='http://127.0.0.1:8200'")
        .contains("Root Token: cfs.root")
        .contains("X-Vault-Token: cfs.root")
        .contains("coffer kv put secret/hello foo=bar");
  }

  @Test
  void devOptionsNeverPrintTheRootToken() {
    assertThat(new DevOptions("cfs.secret", null, null).toString()).doesNotContain("cfs.secret");
  }
}
