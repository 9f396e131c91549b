package dev.coffer.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Builds plugin jars at test time from compiled test classes. */
public final class PluginJars {
  private PluginJars() {}

  /**
   * Writes {@code jar} holding every class of {@code plugin}'s package and a services file naming
   * {@code plugin}; its manifest's {@code Implementation-Version} is {@code 7.7.7-test}.
   */
  public static Path write(Path jar, Class<?> plugin) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "7.7.7-test");
    Path classes = classesRoot(plugin);
    String folder = plugin.getPackageName().replace('.', '/');
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.list(classes.resolve(folder))) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        j.putNextEntry(new JarEntry(folder + "/" + f.getFileName()));
        try (InputStream in = Files.newInputStream(f)) {
          in.transferTo(j);
        }
        j.closeEntry();
      }
      j.putNextEntry(new JarEntry("META-INF/services/dev.coffer.spi.Plugin"));
      j.write((plugin.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }

  /** A jar with one text file and no plugin. */
  static Path writeWithoutPlugin(Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      j.putNextEntry(new JarEntry("readme.txt"));
      j.write("not a plugin".getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }

  private static Path classesRoot(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
