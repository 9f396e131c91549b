package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.PluginRegistry.LoadedPlugin;
import dev.coffer.server.testplugins.BrokenPlugin;
import dev.coffer.server.testplugins.EchoPlugin;
import dev.coffer.server.testplugins.FutureSpiPlugin;
import dev.coffer.server.testplugins.KvClashPlugin;
import dev.coffer.server.testplugins.NothingPlugin;
import dev.coffer.server.testplugins.UndeclaredPlugin;
import dev.coffer.spi.Plugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading plugin jars built at test time from the classes in {@code testplugins}. */
class PluginLoaderTest {
  /** The example plugin's jar, copied here by the build (maven-dependency-plugin). */
  static final Path EXAMPLE_JAR = Path.of("target/test-plugins/coffer-plugin-env-file.jar");

  @TempDir Path plugins;
  @TempDir Path jars;
  private final ClassLoader server = getClass().getClassLoader();

  @Test
  void withoutAPluginDirectoryOnlyTheBuiltInPluginsLoad() {
    PluginRegistry registry = PluginLoader.load(server, null);
    assertThat(registry.loaded())
        .extracting(p -> p.plugin().name(), LoadedPlugin::source)
        .contains(
            org.assertj.core.groups.Tuple.tuple("core", "builtin"),
            org.assertj.core.groups.Tuple.tuple("local", "builtin"));
  }

  @Test
  void aJarPluginLoadsInItsOwnLoaderWithItsSourceAndVersion() throws Exception {
    Path jar = PluginJars.write(plugins.resolve("echo.jar"), EchoPlugin.class);
    PluginRegistry registry = PluginLoader.load(server, plugins);

    LoadedPlugin echo =
        registry.loaded().stream().filter(p -> !p.isBuiltin()).findFirst().orElseThrow();
    assertThat(echo.source()).isEqualTo(jar.toAbsolutePath().toString());
    assertThat(echo.version()).isEqualTo("7.7.7-test");
    assertThat(echo.plugin().getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
    assertThat(echo.plugin()).isInstanceOf(Plugin.class);
    assertThat(registry.secretsEngine("echo")).isPresent();
  }

  @Test
  void aJarWithoutAPluginStopsStartUpNamingTheJar() throws Exception {
    Path jar = PluginJars.writeWithoutPlugin(plugins.resolve("empty.jar"));
    assertThatThrownBy(() -> PluginLoader.load(server, plugins))
        .isInstanceOf(StartupException.class)
        .hasMessage(
            "cannot load plugins: "
                + jar.toAbsolutePath()
                + " holds no Coffer plugin (no META-INF/services/dev.coffer.spi.Plugin)");
  }

  @Test
  void aPluginThatProvidesNothingStopsStartUpNamingTheJar() throws Exception {
    Path jar = PluginJars.write(plugins.resolve("nothing.jar"), NothingPlugin.class);
    assertThatThrownBy(() -> PluginLoader.load(server, plugins))
        .isInstanceOf(StartupException.class)
        .hasMessage(
            "cannot load plugins: plugin 'NothingPlugin' in "
                + jar.toAbsolutePath()
                + " provides nothing");
  }

  @Test
  void aPluginBuiltAgainstAnotherSpiMajorVersionStopsStartUpNamingTheJar() throws Exception {
    Path jar = PluginJars.write(plugins.resolve("future.jar"), FutureSpiPlugin.class);
    assertThatThrownBy(() -> PluginLoader.load(server, plugins))
        .isInstanceOf(StartupException.class)
        .hasMessage(
            "cannot load plugins: plugin 'FutureSpiPlugin' in "
                + jar.toAbsolutePath()
                + " was built against SPI version 99, this server runs SPI version 1");
  }

  @Test
  void aPluginThatDoesNotDeclareItsSpiVersionStopsStartUpSayingHowToDeclareIt() throws Exception {
    Path jar = PluginJars.write(plugins.resolve("old.jar"), UndeclaredPlugin.class);
    assertThatThrownBy(() -> PluginLoader.load(server, plugins))
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("plugin 'UndeclaredPlugin' in " + jar.toAbsolutePath())
        .hasMessageContaining("override Plugin.spiVersion() to return SpiVersion.MAJOR");
  }

  @Test
  void aPluginProvidingABuiltInTypeStopsStartUpNamingTheJar() throws Exception {
    Path jar = PluginJars.write(plugins.resolve("clash.jar"), KvClashPlugin.class);
    assertThatThrownBy(() -> PluginLoader.load(server, plugins))
        .isInstanceOf(StartupException.class)
        .hasMessage(
            "cannot load plugins: plugins 'local' and 'kv-clash' (from "
                + jar.toAbsolutePath()
                + ") both provide the secrets engine type 'kv'");
  }

  @Test
  void theExamplePluginSeesTheSpiAndTheJdkButNotTheServersLibraries() throws Exception {
    Files.copy(EXAMPLE_JAR, plugins.resolve("coffer-plugin-env-file.jar"));
    PluginRegistry registry = PluginLoader.load(server, plugins);
    LoadedPlugin envFile =
        registry.loaded().stream()
            .filter(p -> p.plugin().name().equals("env-file"))
            .findFirst()
            .orElseThrow();
    ClassLoader pluginLoader = envFile.plugin().getClass().getClassLoader();

    assertThat(pluginLoader).isInstanceOf(PluginClassLoader.class);
    assertThat(pluginLoader.getParent()).isSameAs(ClassLoader.getPlatformClassLoader());
    assertThat(pluginLoader.loadClass("dev.coffer.spi.Plugin")).isSameAs(Plugin.class);
    assertThat(pluginLoader.loadClass("java.sql.Connection")).isNotNull();
    for (String serverClass :
        List.of(
            "com.fasterxml.jackson.databind.ObjectMapper",
            "org.eclipse.jetty.server.Server",
            "io.javalin.Javalin",
            "org.slf4j.Logger",
            "dev.coffer.server.CofferServer",
            "dev.coffer.backend.local.LocalPlugin",
            "dev.coffer.spi.testkit.EngineHarness")) {
      assertThatThrownBy(() -> pluginLoader.loadClass(serverClass))
          .as(serverClass)
          .isInstanceOf(ClassNotFoundException.class);
    }
    assertThat(pluginLoader.getResource("com/fasterxml/jackson/databind/ObjectMapper.class"))
        .isNull();
  }

  @Test
  void aPluginThatThrowsWhileLoadingStopsStartUpNamingTheJar() throws Exception {
    Path jar = PluginJars.write(plugins.resolve("broken.jar"), BrokenPlugin.class);
    assertThatThrownBy(() -> PluginLoader.load(server, plugins))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith(
            "cannot load plugins: the plugin in " + jar.toAbsolutePath() + " failed while loading")
        .hasMessageContaining("bug in the plugin");
  }

  @Test
  void aFolderOfJarsIsOnePluginWithItsLibraries() throws Exception {
    Files.createDirectories(plugins.resolve("echo"));
    PluginJars.write(plugins.resolve("echo/echo.jar"), EchoPlugin.class);
    PluginJars.writeWithoutPlugin(plugins.resolve("echo/some-library.jar"));
    PluginRegistry registry = PluginLoader.load(server, plugins);
    assertThat(registry.loaded())
        .filteredOn(p -> !p.isBuiltin())
        .extracting(LoadedPlugin::source)
        .containsExactly(plugins.resolve("echo").toAbsolutePath().toString());
  }
}
