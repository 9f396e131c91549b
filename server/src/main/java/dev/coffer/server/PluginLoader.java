package dev.coffer.server;

import dev.coffer.server.core.PluginRegistry;
import dev.coffer.server.core.PluginRegistry.LoadedPlugin;
import dev.coffer.spi.Plugin;
import dev.coffer.spi.SpiVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the built-in plugins from the server's class path and every plugin of {@code
 * plugin_directory} in its own {@link PluginClassLoader}, and refuses to start when a plugin jar is
 * unusable: it holds no plugin, a plugin provides nothing, was built against another {@link
 * SpiVersion#MAJOR SPI major version}, or provides a type another plugin already provides. Every
 * such message names the jar.
 */
final class PluginLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

  private PluginLoader() {}

  /**
   * The registry of the built-in plugins visible to {@code serverLoader} plus the plugins in {@code
   * directory} (which may be {@code null}).
   *
   * @throws StartupException naming the jar at fault
   */
  static PluginRegistry load(ClassLoader serverLoader, Path directory) {
    List<LoadedPlugin> loaded = new ArrayList<>();
    for (Plugin p : ServiceLoader.load(Plugin.class, serverLoader)) {
      loaded.add(LoadedPlugin.builtin(p));
    }
    List<PluginClassLoader> loaders = PluginClassLoaders.forDirectory(directory, serverLoader);
    try {
      for (PluginClassLoader loader : loaders) {
        loaded.addAll(fromJar(loader));
      }
      PluginRegistry registry = PluginRegistry.ofLoaded(loaded);
      for (LoadedPlugin p : registry.loaded()) {
        if (!p.isBuiltin()) {
          LOG.info("loaded plugin '{}' {} from {}", p.plugin().name(), p.version(), p.source());
        }
      }
      return registry;
    } catch (IllegalStateException e) {
      closeAll(loaders);
      throw new StartupException("cannot load plugins: " + e.getMessage(), e);
    } catch (RuntimeException | LinkageError e) {
      closeAll(loaders);
      throw e;
    }
  }

  private static List<LoadedPlugin> fromJar(PluginClassLoader loader) {
    String source = loader.source();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      List<LoadedPlugin> found = new ArrayList<>();
      for (Plugin plugin : ServiceLoader.load(Plugin.class, loader)) {
        checkSpiVersion(plugin, source);
        checkProvidesSomething(plugin, source);
        String version = plugin.getClass().getPackage().getImplementationVersion();
        found.add(new LoadedPlugin(plugin, source, version));
      }
      if (found.isEmpty()) {
        throw new StartupException(
            "cannot load plugins: "
                + source
                + " holds no Coffer plugin (no META-INF/services/dev.coffer.spi.Plugin)");
      }
      return found;
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new StartupException(
          "cannot load plugins: the plugin in "
              + source
              + " cannot be loaded (built against another Coffer SPI?): "
              + e,
          e);
    } catch (StartupException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StartupException(
          "cannot load plugins: the plugin in " + source + " failed while loading: " + e, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static void checkSpiVersion(Plugin plugin, String source) {
    int declared = plugin.spiVersion();
    if (declared == SpiVersion.MAJOR) {
      return;
    }
    String problem =
        declared == SpiVersion.UNDECLARED
            ? "does not declare the SPI version it was built against (override"
                + " Plugin.spiVersion() to return SpiVersion.MAJOR)"
            : "was built against SPI version "
                + declared
                + ", this server runs SPI version "
                + SpiVersion.MAJOR;
    throw new StartupException(
        "cannot load plugins: plugin '" + plugin.name() + "' in " + source + " " + problem);
  }

  private static void checkProvidesSomething(Plugin plugin, String source) {
    boolean nothing =
        plugin.secretsEngines().isEmpty()
            && plugin.storageBackends().isEmpty()
            && plugin.seals().isEmpty()
            && plugin.auditSinks().isEmpty()
            && plugin.authMethods().isEmpty();
    if (nothing) {
      throw new StartupException(
          "cannot load plugins: plugin '" + plugin.name() + "' in " + source + " provides nothing");
    }
  }

  private static void closeAll(List<PluginClassLoader> loaders) {
    for (PluginClassLoader l : loaders) {
      try {
        l.close();
      } catch (IOException e) {
        LOG.debug("cannot close {}", l, e);
      }
    }
  }
}
