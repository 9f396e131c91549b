package dev.coffer.auth.userpass;

import dev.coffer.spi.Cidrs;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Login;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code login/:username {password}} (unauthenticated): answers a {@link Login} whose alias is the
 * user name. Refuses a locked-out user name or client address before any password work; an unknown
 * user costs the same Argon2id work as a wrong password and gets the same answer.
 */
final class LoginPath {
  /** The one message for an unknown user and a wrong password, as Vault answers. */
  static final String INVALID = "invalid username or password";

  private final UserStore users;
  private final PasswordHasher hasher;
  private final Lockout lockout;

  LoginPath(UserStore users, PasswordHasher hasher, Lockout lockout) {
    this.users = users;
    this.hasher = hasher;
    this.lockout = lockout;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("login/{username}")
            .field("password", FieldType.STRING)
            .unauthenticated()
            .on(Operation.UPDATE, this::login)
            .description("logs in with a user name and a password")
            .build());
  }

  private Response login(Request r) {
    String name = r.param("username").toLowerCase(Locale.ROOT);
    String password = r.string("password", "");
    if (password.isEmpty()) {
      throw CofferException.invalid("missing password");
    }
    String remote = r.client().remoteAddress();
    lockout.check(name, remote);
    Optional<User> found = users.find(name);
    boolean valid =
        found.isPresent()
            ? hasher.verify(password, found.get().passwordHash())
            : hasher.verifyAgainstDummy(password);
    if (!valid) {
      lockout.failed(name, remote);
      throw CofferException.invalid(INVALID);
    }
    User user = found.get();
    if (!Cidrs.allows(user.tokenBoundCidrs(), remote)) {
      throw CofferException.invalid("login request originated from invalid CIDR");
    }
    lockout.succeeded(name);
    if (hasher.needsRehash(user.passwordHash())) {
      users.save(user.withPasswordHash(hasher.hash(password)));
    }
    Map<String, String> metadata = Map.of("username", name);
    return Response.ofLogin(
        new Login(
            name,
            metadata,
            name,
            user.tokenPolicies(),
            metadata,
            Duration.ofSeconds(user.tokenTtl()),
            Duration.ofSeconds(user.tokenMaxTtl()),
            Duration.ofSeconds(user.tokenPeriod()),
            user.tokenNumUses(),
            true,
            user.tokenBoundCidrs(),
            user.tokenNoDefaultPolicy()));
  }
}
