package dev.coffer.backend.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.stream.Stream;

/** Run by {@link SqliteNativeLibraryTest} in its own JVM: chooses the library, opens SQLite. */
final class SqliteNativeLibraryProbe {
  private SqliteNativeLibraryProbe() {}

  public static void main(String[] args) throws Exception {
    SqliteNativeLibrary.preferDistributionCopy();
    System.out.println("path=" + System.getProperty(SqliteNativeLibrary.LIB_PATH));
    System.out.println("name=" + System.getProperty(SqliteNativeLibrary.LIB_NAME));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        ResultSet r = c.createStatement().executeQuery("select 1")) {
      r.next();
      System.out.println("select=" + r.getInt(1));
    }
    // The driver deletes what it copied when the JVM exits: count it now.
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("org.sqlite.tmpdir")))) {
      System.out.println("copied=" + files.count());
    }
  }
}
