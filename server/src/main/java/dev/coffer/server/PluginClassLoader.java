package dev.coffer.server;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin (a jar, or a folder of jars), after Trino's plugin class loader.
 *
 * <p>Its parent is the platform class loader, so a plugin sees the JDK and its own jars but none of
 * the server's libraries (Jackson, Jetty, SQLite...). The one exception is the SPI: classes and
 * resources of the package {@code dev.coffer.spi} come from the server's loader, so the plugin's
 * {@code Plugin} is the server's {@code Plugin}. Lookup order: SPI from the server, then the JDK,
 * then the plugin's jars.
 */
final class PluginClassLoader extends URLClassLoader {
  private static final String SPI_PACKAGE = "dev.coffer.spi";
  private static final String SPI_RESOURCE_FOLDER = "dev/coffer/spi/";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader spiLoader;
  private final String source;

  /**
   * @param source the jar or folder the plugin comes from, for messages
   * @param jars the jars the plugin consists of
   * @param spiLoader the server's class loader, which provides {@code dev.coffer.spi}
   */
  PluginClassLoader(String source, List<URL> jars, ClassLoader spiLoader) {
    super("coffer-plugin:" + source, jars.toArray(URL[]::new), getPlatformClassLoader());
    this.source = source;
    this.spiLoader = spiLoader;
  }

  /** The jar or folder this loader reads. */
  String source() {
    return source;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isSpiClass(name)) {
      return spiLoader.loadClass(name);
    }
    // Parent-first against the platform loader means: the JDK, then this plugin's own jars.
    return super.loadClass(name, resolve);
  }

  @Override
  public URL getResource(String name) {
    return isSpiResource(name) ? spiLoader.getResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return isSpiResource(name) ? spiLoader.getResources(name) : super.getResources(name);
  }

  /** A class of the package {@code dev.coffer.spi} itself (nested classes included). */
  static boolean isSpiClass(String className) {
    return className.startsWith(SPI_PACKAGE + ".")
        && className.lastIndexOf('.') == SPI_PACKAGE.length();
  }

  private static boolean isSpiResource(String name) {
    String n = name.startsWith("/") ? name.substring(1) : name;
    return n.startsWith(SPI_RESOURCE_FOLDER) && n.indexOf('/', SPI_RESOURCE_FOLDER.length()) < 0;
  }

  @Override
  public String toString() {
    return "PluginClassLoader[" + source + "]";
  }
}
