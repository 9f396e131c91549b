package dev.coffer.auth.userpass;

import dev.coffer.spi.Cidrs;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code users/:username} create, read, update, delete; {@code LIST users}; {@code
 * users/:username/password}; {@code users/:username/policies}.
 */
final class UserPaths {
  /** Vault's user names: letters, digits, {@code _ - . @}, not starting with - or . */
  private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_.@-]*[a-z0-9_])?");

  private final UserStore users;
  private final PasswordHasher hasher;
  private final Lockout lockout;

  UserPaths(UserStore users, PasswordHasher hasher, Lockout lockout) {
    this.users = users;
    this.hasher = hasher;
    this.lockout = lockout;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("users")
            .on(Operation.LIST, r -> Response.keys(users.names()))
            .description("lists the users")
            .build(),
        PathSpec.builder("users/{username}")
            .field("password", FieldType.STRING)
            .field("password_hash", FieldType.STRING)
            .field("token_policies", FieldType.STRING_LIST)
            .field("policies", FieldType.STRING_LIST)
            .field("token_ttl", FieldType.DURATION)
            .field("ttl", FieldType.DURATION)
            .field("token_max_ttl", FieldType.DURATION)
            .field("max_ttl", FieldType.DURATION)
            .field("token_period", FieldType.DURATION)
            .field("token_num_uses", FieldType.INT)
            .field("token_bound_cidrs", FieldType.STRING_LIST)
            .field("bound_cidrs", FieldType.STRING_LIST)
            .field("token_no_default_policy", FieldType.BOOL)
            .field("token_type", FieldType.STRING)
            .existence(r -> users.find(name(r)).isPresent())
            .on(Operation.CREATE, this::write)
            .on(Operation.UPDATE, this::write)
            .on(Operation.READ, this::read)
            .on(Operation.DELETE, this::delete)
            .description("creates, reads, updates and deletes a user")
            .build(),
        PathSpec.builder("users/{username}/password")
            .field("password", FieldType.STRING)
            .field("password_hash", FieldType.STRING)
            .on(Operation.UPDATE, this::writePassword)
            .description("resets a user's password")
            .build(),
        PathSpec.builder("users/{username}/policies")
            .field("token_policies", FieldType.STRING_LIST)
            .field("policies", FieldType.STRING_LIST)
            .on(Operation.UPDATE, this::writePolicies)
            .description("replaces a user's token policies")
            .build());
  }

  /** The request's user name, lower-cased: user names are case-insensitive, as in Vault. */
  static String name(Request r) {
    return r.param("username").toLowerCase(Locale.ROOT);
  }

  private Response read(Request r) {
    return users
        .find(name(r))
        .map(u -> Response.of(u.view()))
        .orElseThrow(CofferException::notFound);
  }

  private Response delete(Request r) {
    users.delete(name(r));
    lockout.reset(name(r));
    return Response.empty();
  }

  private Response write(Request r) {
    String name = name(r);
    if (!NAME.matcher(name).matches()) {
      throw CofferException.invalid(
          "invalid username \""
              + name
              + "\": use letters, digits, '_', '-', '.' and '@', not starting with '-' or '.'");
    }
    User old = users.find(name).orElse(null);
    String hash;
    if (r.has("password") || r.has("password_hash")) {
      hash = hashOf(r);
    } else if (old == null) {
      throw CofferException.invalid("missing password");
    } else {
      hash = old.passwordHash();
    }
    User user =
        new User(
            name,
            hash,
            policies(r, old == null ? List.of() : old.tokenPolicies()),
            seconds(r, "token_ttl", "ttl", old == null ? 0 : old.tokenTtl()),
            seconds(r, "token_max_ttl", "max_ttl", old == null ? 0 : old.tokenMaxTtl()),
            seconds(r, "token_period", "token_period", old == null ? 0 : old.tokenPeriod()),
            nonNegative(r, "token_num_uses", old == null ? 0 : old.tokenNumUses()),
            cidrs(r, old == null ? List.of() : old.tokenBoundCidrs()),
            r.bool("token_no_default_policy", old != null && old.tokenNoDefaultPolicy()));
    String tokenType = r.string("token_type", "default");
    if (!List.of("", "default", "service", "default-service").contains(tokenType)) {
      throw CofferException.invalid(
          tokenType.equals("batch")
              ? "batch tokens are not supported"
              : "invalid 'token_type' value \"" + tokenType + "\"");
    }
    if (user.tokenMaxTtl() > 0 && user.tokenTtl() > user.tokenMaxTtl()) {
      throw CofferException.invalid("token_ttl should not be greater than token_max_ttl");
    }
    users.save(user);
    if (old != null && !hash.equals(old.passwordHash())) {
      lockout.reset(name);
    }
    return Response.empty();
  }

  private Response writePassword(Request r) {
    User user = require(r);
    if (!r.has("password") && !r.has("password_hash")) {
      throw CofferException.invalid("missing password");
    }
    users.save(user.withPasswordHash(hashOf(r)));
    lockout.reset(user.name());
    return Response.empty();
  }

  private Response writePolicies(Request r) {
    User user = require(r);
    users.save(user.withPolicies(policies(r, List.of())));
    return Response.empty();
  }

  private User require(Request r) {
    String name = name(r);
    return users.find(name).orElseThrow(() -> CofferException.invalid("username does not exist"));
  }

  private String hashOf(Request r) {
    if (r.has("password_hash")) {
      throw CofferException.invalid(
          "password_hash is not supported: give the password; Coffer stores an Argon2id hash");
    }
    String password = r.string("password", "");
    if (password.isEmpty()) {
      throw CofferException.invalid("missing password");
    }
    return hasher.hash(password);
  }

  private static List<String> policies(Request r, List<String> fallback) {
    List<String> raw =
        r.has("token_policies")
            ? r.list("token_policies")
            : r.has("policies") ? r.list("policies") : fallback;
    return raw.stream().map(String::trim).filter(p -> !p.isEmpty()).distinct().toList();
  }

  private static List<String> cidrs(Request r, List<String> fallback) {
    String field =
        r.has("token_bound_cidrs")
            ? "token_bound_cidrs"
            : r.has("bound_cidrs") ? "bound_cidrs" : "";
    if (field.isEmpty()) {
      return fallback;
    }
    List<String> blocks =
        r.<String>list(field).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    return Cidrs.validated(blocks);
  }

  private static long nonNegative(Request r, String field, long fallback) {
    long v = r.integer(field, fallback);
    if (v < 0) {
      throw CofferException.invalid(field + " cannot be negative");
    }
    return v;
  }

  private static long seconds(Request r, String field, String legacy, long fallback) {
    String used = r.has(field) ? field : legacy;
    long v = r.duration(used, Duration.ofSeconds(fallback)).getSeconds();
    if (v < 0) {
      throw CofferException.invalid(used + " cannot be negative");
    }
    return v;
  }
}
