package dev.coffer.server;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The class loader that sees the built-in plugins plus the jars of {@code plugin_directory}. */
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
   * {@code parent} itself when there is no plugin directory; otherwise a loader over every {@code
   * *.jar} in it (and in its direct subdirectories), delegating to {@code parent}.
   */
  static ClassLoader forDirectory(Path directory, ClassLoader parent) {
    if (directory == null) {
      return parent;
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory, 2)) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
          jars.add(toUrl(p));
        }
      }
    } catch (IOException e) {
      throw new StartupException(
          "invalid value for 'plugin_directory': cannot list " + directory, e);
    }
    if (jars.isEmpty()) {
      return parent;
    }
    return new URLClassLoader("coffer-plugins", jars.toArray(new URL[0]), parent);
  }

  private static URL toUrl(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new StartupException("invalid value for 'plugin_directory': bad jar path " + p, e);
    }
  }
}
