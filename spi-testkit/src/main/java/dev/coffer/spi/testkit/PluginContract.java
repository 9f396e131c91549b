package dev.coffer.spi.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.spi.AuditSinkFactory;
import dev.coffer.spi.AuthMethodFactory;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.SealFactory;
import dev.coffer.spi.SecretsEngineFactory;
import dev.coffer.spi.SpiVersion;
import dev.coffer.spi.StorageBackendFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * What the server checks when it loads a plugin jar, checked at test time instead: the plugin is
 * registered in {@code META-INF/services/dev.coffer.spi.Plugin}, declares the SPI version it was
 * built against, provides at least one factory, and its type names are unique and non-blank.
 *
 * <pre>{@code
 * class MyPluginContractTest extends PluginContract {
 *   @Override
 *   protected Plugin plugin() {
 *     return new MyPlugin();
 *   }
 * }
 * }</pre>
 */
public abstract class PluginContract {

  /** The plugin under test. */
  protected abstract Plugin plugin();

  @Test
  void thePluginIsRegisteredForTheServiceLoader() {
    Class<?> type = plugin().getClass();
    List<Class<?>> found = new ArrayList<>();
    ServiceLoader.load(Plugin.class, type.getClassLoader()).stream()
        .forEach(p -> found.add(p.type()));
    assertThat(found)
        .as("plugins listed in META-INF/services/dev.coffer.spi.Plugin")
        .contains(type);
  }

  @Test
  void thePluginDeclaresTheSpiVersionItWasBuiltAgainst() {
    assertThat(plugin().spiVersion())
        .as("spiVersion(): override it to return SpiVersion.MAJOR")
        .isEqualTo(SpiVersion.MAJOR);
  }

  @Test
  void thePluginHasANameAndProvidesAtLeastOneFactory() {
    Plugin p = plugin();
    assertThat(p.name()).isNotBlank();
    assertThat(types(p)).as("the types the plugin provides").isNotEmpty();
  }

  @Test
  void typeNamesAreNonBlankAndUniquePerKind() {
    Plugin p = plugin();
    for (List<String> names :
        List.of(
            p.secretsEngines().stream().map(SecretsEngineFactory::type).toList(),
            p.storageBackends().stream().map(StorageBackendFactory::type).toList(),
            p.seals().stream().map(SealFactory::type).toList(),
            p.auditSinks().stream().map(AuditSinkFactory::type).toList(),
            p.authMethods().stream().map(AuthMethodFactory::type).toList())) {
      assertThat(names).allSatisfy(n -> assertThat(n).isNotBlank()).doesNotHaveDuplicates();
    }
  }

  private static List<String> types(Plugin p) {
    List<String> all = new ArrayList<>();
    p.secretsEngines().forEach(f -> all.add(f.type()));
    p.storageBackends().forEach(f -> all.add(f.type()));
    p.seals().forEach(f -> all.add(f.type()));
    p.auditSinks().forEach(f -> all.add(f.type()));
    p.authMethods().forEach(f -> all.add(f.type()));
    return all;
  }
}
