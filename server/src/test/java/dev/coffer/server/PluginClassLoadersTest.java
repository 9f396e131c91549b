package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginClassLoadersTest {
  @TempDir Path dir;
  private final ClassLoader server = getClass().getClassLoader();

  @Test
  void withoutADirectoryThereAreNoPluginLoaders() {
    assertThat(PluginClassLoaders.forDirectory(null, server)).isEmpty();
  }

  @Test
  void aDirectoryWithoutJarsHasNoPluginLoaders() throws Exception {
    Files.writeString(dir.resolve("README.txt"), "x");
    Files.createDirectories(dir.resolve("empty"));
    assertThat(PluginClassLoaders.forDirectory(dir, server)).isEmpty();
  }

  @Test
  void eachJarAndEachFolderOfJarsGetsItsOwnLoaderOnTopOfThePlatformLoader() throws Exception {
    Files.write(dir.resolve("a.jar"), new byte[0]);
    Files.createDirectories(dir.resolve("vendor/lib"));
    Files.write(dir.resolve("vendor/b.jar"), new byte[0]);
    Files.write(dir.resolve("vendor/c.jar"), new byte[0]);
    Files.write(dir.resolve("vendor/lib/ignored.jar"), new byte[0]);

    List<PluginClassLoader> loaders = PluginClassLoaders.forDirectory(dir, server);

    assertThat(loaders)
        .extracting(PluginClassLoader::source)
        .containsExactly(
            dir.resolve("a.jar").toAbsolutePath().toString(),
            dir.resolve("vendor").toAbsolutePath().toString());
    assertThat(loaders.get(1).getURLs())
        .extracting(u -> Path.of(u.toURI()).getFileName().toString())
        .containsExactly("b.jar", "c.jar");
    assertThat(loaders)
        .allSatisfy(l -> assertThat(l.getParent()).isSameAs(ClassLoader.getPlatformClassLoader()));
  }

  @Test
  void onlyTheSpiPackageItselfIsShared() {
    assertThat(PluginClassLoader.isSpiClass("dev.coffer.spi.Plugin")).isTrue();
    assertThat(PluginClassLoader.isSpiClass("dev.coffer.spi.PathSpec$Builder")).isTrue();
    assertThat(PluginClassLoader.isSpiClass("dev.coffer.spi.testkit.EngineHarness")).isFalse();
    assertThat(PluginClassLoader.isSpiClass("dev.coffer.spix.Thing")).isFalse();
    assertThat(PluginClassLoader.isSpiClass("dev.coffer.server.CofferServer")).isFalse();
  }
}
