package dev.coffer.backend.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * One real PostgreSQL server for all tests of this module, started on first use under {@code
 * target/}. Also used by the server's tests of the engine over HTTP (this module's test jar).
 * Logins over TCP need a password (SCRAM), except for the superuser {@code postgres} that the tests
 * themselves use to set up and inspect the database.
 */
public final class TestPostgres {
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** A superuser the engine connects as. */
  public record Admin(String name, String password) {}

  public static synchronized int port() {
    if (server == null) {
      try {
        File target = new File("target").getAbsoluteFile();
        server =
            EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(new File(target, "embedded-pg"))
                .setDataDirectory(new File(target, "embedded-pg-data/" + UUID.randomUUID()))
                .setCleanDataDirectory(true)
                .setDataDirectoryCustomizer(TestPostgres::requirePasswords)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server.getPort();
  }

  /** A connection URL template for the engine, as Vault's docs write it. */
  public static String urlTemplate() {
    return "postgresql://{{username}}:{{password}}@127.0.0.1:"
        + port()
        + "/postgres?sslmode=disable";
  }

  /** A new superuser with a password, for one test's config. */
  public static Admin newAdmin() {
    String name = "admin_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String password = "pw-" + UUID.randomUUID();
    execute("CREATE ROLE \"" + name + "\" WITH LOGIN SUPERUSER PASSWORD '" + password + "'");
    return new Admin(name, password);
  }

  /** A new plain login user with a password; returns its name. */
  public static String newUser(String password) {
    String name = "app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE ROLE \"" + name + "\" WITH LOGIN PASSWORD '" + password + "'");
    return name;
  }

  public static void execute(String sql) {
    try (Connection c = superuser();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code user} can log in over TCP with {@code password}. */
  public static boolean canLogIn(String user, String password) {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    try (Connection c = DriverManager.getConnection(jdbcUrl(), p)) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  public static boolean userExists(String user) {
    return validUntil(user).isPresent() || roleRow(user);
  }

  /** The user's {@code VALID UNTIL}, if it has one. */
  public static Optional<Instant> validUntil(String user) {
    try (Connection c = superuser();
        PreparedStatement s =
            c.prepareStatement("SELECT rolvaliduntil FROM pg_roles WHERE rolname = ?")) {
      s.setString(1, user);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Timestamp t = r.getTimestamp(1);
        return Optional.ofNullable(t).map(Timestamp::toInstant);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long countRolesStartingWith(String prefix) {
    try (Connection c = superuser();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM pg_roles WHERE starts_with(rolname, ?)")) {
      s.setString(1, prefix);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean roleRow(String user) {
    try (Connection c = superuser();
        PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      s.setString(1, user);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection superuser() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    return DriverManager.getConnection(jdbcUrl(), p);
  }

  private static String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
  }

  private static void requirePasswords(File dataDirectory) {
    String hba =
        String.join(
            "\n",
            "local all all trust",
            "host all postgres 127.0.0.1/32 trust",
            "host all postgres ::1/128 trust",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256",
            "");
    try {
      Files.writeString(new File(dataDirectory, "pg_hba.conf").toPath(), hba);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
