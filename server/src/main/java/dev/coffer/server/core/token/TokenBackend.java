package dev.coffer.server.core.token;

import dev.coffer.server.core.identity.EntityResolver;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.SecretsEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The built-in {@code token} auth method mounted at {@code auth/token/}: a table of paths gathered
 * from one small class per group (create, lookup, renew, revoke, roles, tidy).
 */
public final class TokenBackend implements SecretsEngine {
  private final List<PathSpec> paths = new ArrayList<>();

  /**
   * The backend over {@code store}.
   *
   * @param store the token store
   * @param callers where the core binds each request's token
   * @param entities resolves {@code entity_alias} on role-based creation
   * @param mountAccessor the accessor of the mount, for entity aliases
   */
  public TokenBackend(
      TokenStore store,
      CallerTokens callers,
      EntityResolver entities,
      Supplier<String> mountAccessor) {
    RolePaths roles = new RolePaths(store.storage());
    paths.addAll(
        new CreatePaths(new TokenCreation(store, roles, entities, mountAccessor), callers).paths());
    paths.addAll(new LookupPaths(store, callers).paths());
    paths.addAll(new RenewPaths(store, callers).paths());
    paths.addAll(new RevokePaths(store, callers).paths());
    paths.addAll(roles.paths());
    paths.addAll(new TokenTidy(store).paths());
  }

  @Override
  public List<PathSpec> paths() {
    return List.copyOf(paths);
  }
}
