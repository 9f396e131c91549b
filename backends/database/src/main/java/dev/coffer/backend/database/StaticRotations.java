package dev.coffer.backend.database;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.Rotation;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets a static role's password: on creation, on {@code rotate-role}, when its period is due
 * ({@link #rotateDue}) and for the killswitch ({@link #rotateAll}). The new password is stored
 * before the database transaction commits, so a failed store leaves the old password in place.
 */
final class StaticRotations {
  /** How long to wait before retrying a scheduled rotation that failed. */
  static final Duration RETRY_AFTER = Duration.ofMinutes(1);

  private final DatabaseContext ctx;
  private final Map<String, Instant> retryAfter = new ConcurrentHashMap<>();

  StaticRotations(DatabaseContext ctx) {
    this.ctx = ctx;
  }

  /** Sets a new password for {@code role} now and stores it; returns the stored role. */
  StaticRole rotate(StaticRole role) {
    synchronized (ctx.lock()) {
      ConnectionConfig config = ctx.configForRole(role.dbName(), role.name());
      String newPassword = ctx.mount().generatePassword(config.passwordPolicy());
      StaticRole rotated = role.rotated(newPassword, ctx.mount().clock().instant());
      boolean stored = ctx.store().staticRole(role.name()).isPresent();
      List<String> statements =
          role.rotationStatements().isEmpty()
              ? StaticRole.DEFAULT_ROTATION
              : role.rotationStatements();
      try {
        SqlRunner.run(
            ctx.dataSource(config),
            statements,
            SqlStatements.values(role.username(), newPassword, null),
            () -> ctx.store().putStaticRole(rotated));
      } catch (SQLException | RuntimeException e) {
        if (stored) {
          ctx.store().putStaticRole(role);
        } else {
          ctx.store().deleteStaticRole(role.name());
        }
        if (e instanceof CofferException ce) {
          throw ce;
        }
        throw JdbcErrors.toCoffer(
            "failed to rotate the password of static role \"" + role.name() + "\"",
            e,
            List.of(newPassword, role.password(), config.password()));
      }
      retryAfter.remove(role.name());
      return rotated;
    }
  }

  /** Rotates every static role whose period has passed at {@code now}; failures retry later. */
  void rotateDue(Instant now) {
    for (String name : ctx.store().staticRoleNames()) {
      StaticRole role = ctx.store().staticRole(name).orElse(null);
      if (role == null
          || role.nextRotation().isAfter(now)
          || retryAfter.getOrDefault(name, Instant.MIN).isAfter(now)) {
        continue;
      }
      try {
        rotate(role);
      } catch (RuntimeException e) {
        retryAfter.put(name, now.plus(RETRY_AFTER));
        ctx.mount()
            .logger()
            .log(
                System.Logger.Level.WARNING,
                "scheduled rotation of static role \"" + name + "\" failed: " + safe(e));
      }
    }
  }

  /** Rotates every static role now (the killswitch). */
  List<Rotation> rotateAll() {
    List<Rotation> out = new ArrayList<>();
    for (String name : ctx.store().staticRoleNames()) {
      String path = "static-roles/" + name;
      try {
        StaticRole role = ctx.store().staticRole(name).orElse(null);
        if (role != null) {
          rotate(role);
          out.add(Rotation.rotated(path));
        }
      } catch (RuntimeException e) {
        out.add(Rotation.failed(path, safe(e)));
      }
    }
    return out;
  }

  /** Messages of our own exceptions are safe; anything else is reported by type only. */
  private static String safe(RuntimeException e) {
    return e instanceof CofferException ? e.getMessage() : e.getClass().getSimpleName();
  }
}
