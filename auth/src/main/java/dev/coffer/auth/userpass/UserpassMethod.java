package dev.coffer.auth.userpass;

import dev.coffer.spi.AuthMethod;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.PathSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The userpass auth method of one mount: users with an Argon2id password hash and token settings,
 * {@code login/:username} trading the password for a token, and a lockout of user names and client
 * addresses after repeated failures. Storage (the mount's own prefix): {@code user/<name>}, {@code
 * config}.
 */
final class UserpassMethod implements AuthMethod {
  private final List<PathSpec> paths;

  UserpassMethod(MountContext context) {
    this(context, new PasswordHasher());
  }

  UserpassMethod(MountContext context, PasswordHasher hasher) {
    UserStore users = new UserStore(context.storage());
    Lockout lockout = new Lockout(context.clock(), context.options(), users);
    List<PathSpec> all = new ArrayList<>();
    all.addAll(new LoginPath(users, hasher, lockout).paths());
    all.addAll(new UserPaths(users, hasher, lockout).paths());
    all.addAll(new ConfigPath(lockout).paths());
    this.paths = List.copyOf(all);
  }

  @Override
  public List<PathSpec> paths() {
    return paths;
  }
}
