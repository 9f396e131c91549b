package dev.coffer.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;
import org.sqlite.util.OSInfo;

class SqliteNativeLibraryTest {
  @TempDir Path home;

  private Path place(String version, String platform, String name) throws IOException {
    Path folder = home.resolve("native").resolve("sqlite-jdbc-" + version).resolve(platform);
    Files.createDirectories(folder);
    return Files.writeString(folder.resolve(name), "library");
  }

  @Test
  void theCopyForThisDriverVersionAndPlatformIsChosen() throws IOException {
    Path lib = place("3.54.1.0", "Linux/x86_64", "libsqlitejdbc.so");
    assertThat(
            SqliteNativeLibrary.distributionCopy(
                home, "3.54.1.0", "Linux/x86_64", "libsqlitejdbc.so"))
        .contains(lib.getParent().toAbsolutePath());
  }

  @Test
  void aCopyForAnotherVersionOrPlatformIsNeverChosen() throws IOException {
    place("3.50.0.0", "Linux/x86_64", "libsqlitejdbc.so");
    place("3.54.1.0", "Linux-Musl/x86_64", "libsqlitejdbc.so");
    assertThat(
            SqliteNativeLibrary.distributionCopy(
                home, "3.54.1.0", "Linux/x86_64", "libsqlitejdbc.so"))
        .isEmpty();
    assertThat(SqliteNativeLibrary.distributionCopy(home, "", "Linux/x86_64", "libsqlitejdbc.so"))
        .isEmpty();
  }

  @Test
  void thePlatformFolderIsTheOneTheDriverUses() {
    assertThat(SqliteNativeLibrary.platformFolder(System.getProperty("os.name")))
        .isEqualTo(OSInfo.getNativeLibFolderPathForCurrentOS());
    assertThat(SqliteNativeLibrary.platformFolder("Windows 11")).isNull();
  }

  @Test
  void withTheDistributionsCopyTheDriverCopiesNothingIntoTheTempFolder() throws Exception {
    String name = LibraryLoaderUtil.getNativeLibName();
    Path lib =
        home.resolve("native")
            .resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
            .resolve(OSInfo.getNativeLibFolderPathForCurrentOS())
            .resolve(name);
    Files.createDirectories(lib.getParent());
    try (InputStream in =
        SQLiteJDBCLoader.class.getResourceAsStream(
            LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name)) {
      Files.copy(in, lib);
    }
    Path tmp = Files.createDirectories(home.resolve("tmp"));

    List<String> probe = probe("-Dcoffer.home=" + home, "-Dorg.sqlite.tmpdir=" + tmp);

    assertThat(probe)
        .containsExactly("path=" + lib.getParent(), "name=" + name, "select=1", "copied=0");
  }

  @Test
  void withoutADistributionTheDriverKeepsItsOwnWay() throws Exception {
    Path tmp = Files.createDirectories(home.resolve("tmp"));

    List<String> probe = probe("-Dcoffer.home=" + home, "-Dorg.sqlite.tmpdir=" + tmp);

    assertThat(probe).startsWith("path=null", "name=null", "select=1");
    assertThat(probe.get(3)).isNotEqualTo("copied=0");
  }

  @Test
  void aLibraryPathTheOperatorSetIsKept() throws Exception {
    Path tmp = Files.createDirectories(home.resolve("tmp"));
    Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));

    List<String> probe =
        probe(
            "-Dcoffer.home=" + home,
            "-Dorg.sqlite.tmpdir=" + tmp,
            "-Dorg.sqlite.lib.path=" + elsewhere);

    assertThat(probe).first().isEqualTo("path=" + elsewhere);
  }

  /** Runs {@link SqliteNativeLibraryProbe} in a fresh JVM: the driver loads its library once. */
  private static List<String> probe(String... properties) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
    command.addAll(List.of(properties));
    command.add(SqliteNativeLibraryProbe.class.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().filter(l -> l.matches("(path|name|select|copied)=.*")).toList();
  }
}
