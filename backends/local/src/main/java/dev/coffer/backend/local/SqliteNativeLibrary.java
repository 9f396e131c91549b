package dev.coffer.backend.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;
import org.sqlite.util.OSInfo;

/**
 * Lets the SQLite driver load its native library from the distribution instead of copying it out of
 * its jar on every start.
 *
 * <p>Left alone, the driver writes the library for this platform (about 1 MB) into {@code
 * java.io.tmpdir} under a new name, reads it back to compare it byte for byte with the jar's copy
 * and loads it: a noticeable part of start-up. The distribution holds the libraries of the common
 * platforms, unpacked at build time, in {@code
 * <coffer.home>/native/sqlite-jdbc-<version>/<os>/<arch>/} (the jar's own folder names). When the
 * launcher's {@code coffer.home} is set, the folder for this driver version and platform exists and
 * {@code org.sqlite.lib.path} is not set already, the driver is pointed at it ({@code
 * org.sqlite.lib.path}, {@code org.sqlite.lib.name}). Otherwise nothing changes; and should that
 * library fail to load, the driver falls back to its own copy.
 */
public final class SqliteNativeLibrary {
  /** System property of the folder the driver loads its library from. */
  static final String LIB_PATH = "org.sqlite.lib.path";

  /** System property of the library's file name in that folder. */
  static final String LIB_NAME = "org.sqlite.lib.name";

  /** System property the {@code ./coffer} launcher sets to the distribution's folder. */
  static final String HOME = "coffer.home";

  private SqliteNativeLibrary() {}

  /** Points the driver at the distribution's copy of its library, when there is a usable one. */
  public static synchronized void preferDistributionCopy() {
    String home = System.getProperty(HOME);
    if (home == null || home.isBlank() || System.getProperty(LIB_PATH) != null) {
      return;
    }
    String name;
    Optional<Path> folder;
    try {
      name = LibraryLoaderUtil.getNativeLibName();
      folder =
          distributionCopy(
              Path.of(home),
              SQLiteJDBCLoader.getVersion(),
              platformFolder(System.getProperty("os.name", "")),
              name);
    } catch (RuntimeException e) {
      return; // an odd platform or a broken path: the driver's own way still works
    }
    folder.ifPresent(
        f -> {
          System.setProperty(LIB_PATH, f.toString());
          System.setProperty(LIB_NAME, name);
        });
  }

  /**
   * The driver's folder name for this platform ({@code Linux/x86_64}, {@code Linux-Musl/aarch64},
   * {@code Mac/aarch64}, ...), found as the driver finds it, or {@code null} for a platform the
   * distribution holds no library for. Not {@code OSInfo.getNativeLibFolderPathForCurrentOS()}: on
   * Linux that starts a {@code uname} process to rule out Termux, which costs more than it saves.
   */
  static String platformFolder(String osName) {
    String family;
    if (osName.startsWith("Linux")) {
      if (OSInfo.isAndroidRuntime()) {
        return null;
      }
      family = OSInfo.isMusl() ? "Linux-Musl" : "Linux";
    } else if (osName.startsWith("Mac") || osName.startsWith("Darwin")) {
      family = "Mac";
    } else {
      return null;
    }
    return family + "/" + OSInfo.getArchName();
  }

  /**
   * The distribution's folder holding {@code libName} for driver {@code version} on {@code
   * platform} (as {@code Linux/x86_64}), if that file is there.
   */
  static Optional<Path> distributionCopy(
      Path home, String version, String platform, String libName) {
    if (version == null || version.isBlank() || platform == null || platform.isBlank()) {
      return Optional.empty();
    }
    Path folder = home.resolve("native").resolve("sqlite-jdbc-" + version).resolve(platform);
    return Files.isRegularFile(folder.resolve(libName))
        ? Optional.of(folder.toAbsolutePath())
        : Optional.empty();
  }
}
