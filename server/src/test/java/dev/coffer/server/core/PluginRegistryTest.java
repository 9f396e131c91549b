package dev.coffer.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.spi.Plugin;
import dev.coffer.spi.SealFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginRegistryTest {
  @Test
  void serviceLoaderFindsTheBuiltInSealsAndTheLocalStorage() {
    PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader());

    assertThat(registry.plugins()).extracting(Plugin::name).contains("core", "local");
    assertThat(registry.seal("shamir").type()).isEqualTo("shamir");
    assertThat(registry.seal("static").type()).isEqualTo("static");
    assertThat(registry.storageBackend("inmem").type()).isEqualTo("inmem");
  }

  @Test
  void unknownTypesListWhatIsAvailable() {
    PluginRegistry registry = PluginRegistry.of(List.of(new CorePlugin()));

    assertThatThrownBy(() -> registry.seal("hsm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown seal type 'hsm' (available: shamir, static)");
    assertThatThrownBy(() -> registry.storageBackend("x"))
        .hasMessage("unknown storage type 'x' (available: )");
    assertThat(registry.secretsEngine("kv")).isEmpty();
    assertThat(registry.auditSink("file")).isEmpty();
  }

  @Test
  void twoPluginsWithTheSameTypeAreRefusedNamingBoth() {
    Plugin other =
        new Plugin() {
          @Override
          public String name() {
            return "impostor";
          }

          @Override
          public List<SealFactory> seals() {
            return new CorePlugin().seals().subList(0, 1);
          }
        };

    assertThatThrownBy(() -> PluginRegistry.of(List.of(new CorePlugin(), other)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("plugins 'core' and 'impostor' both provide the seal type 'shamir'");
  }
}
