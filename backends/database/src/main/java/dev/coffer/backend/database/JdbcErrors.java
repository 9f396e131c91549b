package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Turns driver and pool errors into messages a client may see. The database's own message is kept
 * (it says what went wrong) with every secret the engine knows of blanked out, since PostgreSQL
 * quotes parts of a failing statement. The JDBC exception is never attached as a cause, so it
 * cannot reach a log either.
 */
final class JdbcErrors {
  private JdbcErrors() {}

  /**
   * A {@link CofferException} for {@code e} while doing {@code what}: 502 when the database cannot
   * be reached or refuses the login, 400 when it rejects a statement.
   */
  static CofferException toCoffer(String what, Throwable e, Collection<String> secrets) {
    SQLException sql = deepestSql(e);
    String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    boolean unreachable =
        sql == null
            || state.startsWith("08")
            || state.startsWith("28")
            || state.startsWith("53")
            || state.startsWith("57");
    ErrorCode code = unreachable ? ErrorCode.UPSTREAM_FAILURE : ErrorCode.INVALID_REQUEST;
    return new CofferException(code, what + ": " + describe(e, secrets));
  }

  /** The most telling message in {@code e}'s causes, with {@code secrets} redacted. */
  static String describe(Throwable e, Collection<String> secrets) {
    SQLException sql = deepestSql(e);
    Throwable source = sql != null ? sql : e;
    String message = source.getMessage();
    if (message == null || message.isBlank()) {
      message = source.getClass().getSimpleName();
    }
    return redact(message, secrets);
  }

  static String redact(String message, Collection<String> secrets) {
    String out = message;
    for (String s : secrets) {
      if (s != null && !s.isEmpty()) {
        out = out.replace(s.replace("'", "''"), PostgresUrl.REDACTED);
        out = out.replace(s, PostgresUrl.REDACTED);
      }
    }
    return out;
  }

  private static SQLException deepestSql(Throwable e) {
    SQLException found = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        found = s;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return found;
  }
}
