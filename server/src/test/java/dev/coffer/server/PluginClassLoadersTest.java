package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginClassLoadersTest {
  @TempDir Path dir;
  private final ClassLoader parent = getClass().getClassLoader();

  @Test
  void withoutADirectoryTheServersOwnLoaderIsUsed() {
    assertThat(PluginClassLoaders.forDirectory(null, parent)).isSameAs(parent);
  }

  @Test
  void aDirectoryWithoutJarsAddsNothing() throws Exception {
    Files.writeString(dir.resolve("README.txt"), "x");
    assertThat(PluginClassLoaders.forDirectory(dir, parent)).isSameAs(parent);
  }

  @Test
  void jarsInTheDirectoryAndItsSubdirectoriesAreOnTheLoader() throws Exception {
    Files.write(dir.resolve("a.jar"), new byte[0]);
    Files.createDirectories(dir.resolve("vendor"));
    Files.write(dir.resolve("vendor/b.jar"), new byte[0]);
    ClassLoader loader = PluginClassLoaders.forDirectory(dir, parent);
    assertThat(loader).isInstanceOf(URLClassLoader.class);
    assertThat(((URLClassLoader) loader).getURLs())
        .extracting(u -> Path.of(u.toURI()).getFileName().toString())
        .containsExactlyInAnyOrder("a.jar", "b.jar");
    assertThat(loader.getParent()).isSameAs(parent);
  }
}
