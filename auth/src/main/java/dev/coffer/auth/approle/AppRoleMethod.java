package dev.coffer.auth.approle;

import dev.coffer.spi.AuthMethod;
import dev.coffer.spi.MountContext;
import dev.coffer.spi.PathSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The AppRole auth method of one mount: roles with a role id, secret ids bound to them, and {@code
 * login} trading the pair for a token. Storage (all under the mount's own prefix): {@code salt},
 * {@code role/<name>}, {@code role_id/<hmac>}, {@code secret_id/<hmac(role)>/<hmac(secret id)>},
 * {@code accessor/<hmac(accessor)>}.
 */
final class AppRoleMethod implements AuthMethod {
  private final List<PathSpec> paths;

  AppRoleMethod(MountContext context) {
    Hmac hmac = Hmac.of(context.storage());
    RoleStore roles = new RoleStore(context.storage(), hmac);
    SecretIdStore secretIds = new SecretIdStore(context.storage(), hmac);
    List<PathSpec> all = new ArrayList<>();
    all.addAll(new LoginPath(roles, secretIds, context.clock()).paths());
    all.addAll(new RolePaths(roles, secretIds).paths());
    all.addAll(new SecretIdPaths(roles, secretIds, context.clock()).paths());
    all.addAll(new TidyPath(roles, secretIds, context.clock()).paths());
    this.paths = List.copyOf(all);
  }

  @Override
  public List<PathSpec> paths() {
    return paths;
  }
}
