package dev.coffer.backend.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Runs templated statements in one transaction, and asks PostgreSQL whether a user exists. */
final class SqlRunner {
  private SqlRunner() {}

  /** Work to do after the statements ran and before they are committed. */
  @FunctionalInterface
  interface BeforeCommit {
    void run();
  }

  /** Runs {@code statements} (split and templated with {@code values}) in one transaction. */
  static void run(DataSource ds, List<String> statements, Map<String, String> values)
      throws SQLException {
    run(ds, statements, values, () -> {});
  }

  /**
   * Runs {@code statements} in one transaction and calls {@code beforeCommit} before committing, so
   * a failure there (storing a new password) rolls the statements back.
   */
  static void run(
      DataSource ds, List<String> statements, Map<String, String> values, BeforeCommit beforeCommit)
      throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String statement : SqlStatements.split(statements)) {
          s.execute(SqlStatements.template(statement, values));
        }
        beforeCommit.run();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Whether a role named {@code username} exists. */
  static boolean userExists(DataSource ds, String username) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?")) {
      s.setString(1, username);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool discards it
    }
  }
}
