package dev.coffer.backend.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * One small HikariCP pool per {@code config/:name}, opened on first use, replaced when the config
 * changes (a new password after {@code rotate-root}, another URL) and closed when the config is
 * deleted or the engine closes.
 */
final class ConnectionPools implements AutoCloseable {
  /** How long to wait for a connection before telling the client the database is unreachable. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private record Pool(ConnectionConfig config, HikariDataSource dataSource) {}

  private final Map<String, Pool> pools = new HashMap<>();
  private boolean closed;

  /** The pool for {@code config}, opened (or replaced, if the config changed) as needed. */
  synchronized DataSource get(ConnectionConfig config) {
    if (closed) {
      throw new IllegalStateException("database engine is closed");
    }
    Pool pool = pools.get(config.name());
    if (pool != null && pool.config().equals(config)) {
      return pool.dataSource();
    }
    if (pool != null) {
      pool.dataSource().close();
    }
    HikariDataSource ds = open(config);
    pools.put(config.name(), new Pool(config, ds));
    return ds;
  }

  /** Closes the pool of config {@code name}, if open. */
  synchronized void close(String name) {
    Pool pool = pools.remove(name);
    if (pool != null) {
      pool.dataSource().close();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Pool p : pools.values()) {
      p.dataSource().close();
    }
    pools.clear();
  }

  /**
   * Connects once with {@code config}'s credentials, outside any pool: what {@code
   * verify_connection} does when a config is written.
   *
   * @throws SQLException if the database cannot be reached or refuses the login
   */
  static void verify(ConnectionConfig config) throws SQLException {
    PostgresUrl.Target target = config.target();
    Properties props = new Properties();
    props.setProperty("user", target.user());
    props.setProperty("password", target.password());
    props.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.getSeconds()));
    Connection c = new Driver().connect(target.jdbcUrl(), props);
    if (c == null) {
      throw new SQLException("not a PostgreSQL JDBC URL", "08001");
    }
    try (c) {
      c.isValid((int) CONNECT_TIMEOUT.getSeconds());
    }
  }

  /** The secrets a message about {@code config} must not show. */
  static List<String> secretsOf(ConnectionConfig config) {
    return List.of(config.password());
  }

  private static HikariDataSource open(ConnectionConfig config) {
    PostgresUrl.Target target = config.target();
    HikariConfig h = new HikariConfig();
    h.setPoolName("coffer-db-" + config.name());
    h.setDriverClassName(Driver.class.getName());
    h.setJdbcUrl(target.jdbcUrl());
    h.setUsername(target.user());
    h.setPassword(target.password());
    int max = config.maxOpenConnections() > 0 ? config.maxOpenConnections() : 4;
    h.setMaximumPoolSize(max);
    h.setMinimumIdle(Math.max(0, Math.min(config.maxIdleConnections(), max)));
    h.setIdleTimeout(Duration.ofMinutes(1).toMillis());
    if (config.maxConnectionLifetime().compareTo(Duration.ofSeconds(30)) >= 0) {
      h.setMaxLifetime(config.maxConnectionLifetime().toMillis());
    }
    h.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
    h.setInitializationFailTimeout(-1);
    h.addDataSourceProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.getSeconds()));
    return new HikariDataSource(h);
  }
}
