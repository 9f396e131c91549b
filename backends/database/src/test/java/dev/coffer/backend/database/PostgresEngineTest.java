package dev.coffer.backend.database;

import dev.coffer.spi.IssuedLease;
import dev.coffer.spi.Response;
import dev.coffer.spi.SecretsEngine;
import dev.coffer.spi.testkit.EngineHarness;
import dev.coffer.spi.testkit.InMemoryStorage;
import dev.coffer.spi.testkit.Leases;
import dev.coffer.spi.testkit.MutableClock;
import dev.coffer.spi.testkit.TestMountContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh engine at {@code database/} over a real PostgreSQL, with its own superuser. */
abstract class PostgresEngineTest {
  static final String MOUNT = "database/";
  static final Duration MOUNT_DEFAULT_TTL = Duration.ofHours(1);
  static final Duration MOUNT_MAX_TTL = Duration.ofHours(24);

  /** Starts at the real time, so VALID UNTIL values the engine sets are in the future. */
  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

  SecretsEngine engine;
  EngineHarness db;
  TestPostgres.Admin admin;

  @BeforeEach
  void mount() {
    admin = TestPostgres.newAdmin();
    TestMountContext ctx =
        new TestMountContext(
            MOUNT,
            DatabaseEngineFactory.TYPE,
            Map.of(),
            new InMemoryStorage(),
            clock,
            MOUNT_DEFAULT_TTL,
            MOUNT_MAX_TTL);
    engine = new DatabaseEngineFactory().create(ctx);
    db = new EngineHarness(engine, MOUNT);
  }

  @AfterEach
  void unmount() {
    engine.close();
  }

  /** Writes {@code config/<name>} for the test's superuser, allowing {@code allowedRoles}. */
  void writeConfig(String name, String... allowedRoles) {
    writeConfig(name, Map.of("allowed_roles", List.of(allowedRoles)));
  }

  void writeConfig(String name, Map<String, Object> extra) {
    Map<String, Object> data = new HashMap<>();
    data.put("plugin_name", "postgresql-database-plugin");
    data.put("connection_url", TestPostgres.urlTemplate());
    data.put("username", admin.name());
    data.put("password", admin.password());
    data.putAll(extra);
    db.write("config/" + name, data);
  }

  static final String CREATE_USER =
      "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';";

  void writeRole(String name, String dbName, Map<String, Object> extra) {
    Map<String, Object> data = new HashMap<>();
    data.put("db_name", dbName);
    data.put("creation_statements", CREATE_USER);
    data.putAll(extra);
    db.write("roles/" + name, data);
  }

  IssuedLease leaseOf(Response creds, String path) {
    return Leases.issued(creds, MOUNT, path, clock.instant());
  }

  static String username(Response r) {
    return (String) r.data().get("username");
  }

  static String password(Response r) {
    return (String) r.data().get("password");
  }
}
