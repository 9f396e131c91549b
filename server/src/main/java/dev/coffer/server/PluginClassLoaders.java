package dev.coffer.server;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the plugins of {@code plugin_directory}: every {@code *.jar} directly in it is one plugin,
 * and every folder directly in it is one plugin made of the {@code *.jar} files inside that folder
 * (a plugin with its own libraries). Each gets its own {@link PluginClassLoader}.
 */
final class PluginClassLoaders {
  /** System property the {@code ./coffer} launcher sets to the distribution's folder. */
  static final String HOME_PROPERTY = "coffer.home";

  private PluginClassLoaders() {}

  /**
   * The distribution's {@code plugins/} folder, used when {@code plugin_directory} is not set;
   * {@code null} outside a distribution.
   */
  static Path distributionDirectory() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null || home.isBlank()) {
      return null;
    }
    Path plugins = Path.of(home, "plugins");
    return Files.isDirectory(plugins) ? plugins : null;
  }

  /**
   * One loader per plugin in {@code directory}, in name order; none when {@code directory} is
   * {@code null} or holds no jars.
   *
   * @param spiLoader the server's loader, which provides {@code dev.coffer.spi} to every plugin
   * @throws StartupException if the directory or a plugin folder cannot be listed
   */
  static List<PluginClassLoader> forDirectory(Path directory, ClassLoader spiLoader) {
    List<PluginClassLoader> loaders = new ArrayList<>();
    if (directory == null) {
      return loaders;
    }
    for (Path entry : list(directory)) {
      List<URL> jars = new ArrayList<>();
      if (isJar(entry)) {
        jars.add(toUrl(entry));
      } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        list(entry).stream()
            .filter(PluginClassLoaders::isJar)
            .map(PluginClassLoaders::toUrl)
            .forEach(jars::add);
      }
      if (!jars.isEmpty()) {
        loaders.add(new PluginClassLoader(entry.toAbsolutePath().toString(), jars, spiLoader));
      }
    }
    return loaders;
  }

  private static boolean isJar(Path p) {
    return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new StartupException(
          "invalid value for 'plugin_directory': cannot list " + directory, e);
    }
  }

  private static URL toUrl(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new StartupException("invalid value for 'plugin_directory': bad jar path " + p, e);
    }
  }
}
