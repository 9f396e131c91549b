package dev.coffer.backend.local.storage;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/** Turns JDBC failures into {@link CofferException}s that name the operation but no data. */
final class SqliteErrors {
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;

  private SqliteErrors() {}

  /** Whether another connection held the lock, so trying again may succeed. */
  static boolean isBusy(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  }

  /** {@code storage error: <operation> failed (<SQLite result code>)}; the cause is kept. */
  static CofferException storageError(String operation, SQLException e) {
    String code =
        e instanceof SQLiteException s
            ? s.getResultCode().name()
            : "SQLState " + (e.getSQLState() == null ? "unknown" : e.getSQLState());
    return new CofferException(
        ErrorCode.INTERNAL, "storage error: " + operation + " failed (" + code + ")", e);
  }
}
