package dev.coffer.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Everything a {@link SecretsEngine} gets from the server when it is mounted. */
public interface MountContext {

  /** Where the engine is mounted, with a trailing {@code /}, e.g. {@code secret/}. */
  String mountPath();

  /**
   * The mount's accessor (e.g. {@code auth_jwt_1a2b3c4d}), the name templated policies use for an
   * auth mount; {@code ""} where the server does not provide one.
   */
  default String accessor() {
    return "";
  }

  /** The engine type, e.g. {@code kv}. */
  String type();

  /** The mount's options, e.g. {@code {"version": "2"}} for KV. */
  Map<String, String> options();

  /** The engine's own storage: encrypted, and scoped to this mount. */
  Storage storage();

  /** The clock to use for every timestamp, so tests can control time. */
  Clock clock();

  /** A logger named after the mount; never log secret values. */
  System.Logger logger();

  /** The mount's default lease TTL. */
  Duration defaultLeaseTtl();

  /** The mount's maximum lease TTL. */
  Duration maxLeaseTtl();

  /**
   * A new random password by the named password policy ({@code sys/policies/password/:name}), or by
   * the default policy when {@code policyName} is empty.
   *
   * @throws CofferException {@link ErrorCode#INVALID_REQUEST} if no policy has that name
   */
  default String generatePassword(String policyName) {
    if (policyName != null && !policyName.isEmpty()) {
      throw CofferException.invalid("password policy \"" + policyName + "\" not found");
    }
    return Passwords.generateDefault();
  }
}
