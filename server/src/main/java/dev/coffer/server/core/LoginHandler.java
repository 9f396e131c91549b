package dev.coffer.server.core;

import dev.coffer.server.core.identity.EntityResolver;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.token.LoginTokens;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.Login;
import dev.coffer.spi.Response;

/**
 * Turns an auth method's {@link Login} into Vault's answer: resolves (or creates) the identity
 * entity of the login's alias on the mount's accessor, issues the token and answers its {@code
 * auth} block with {@code data: null}.
 */
final class LoginHandler {
  private final LoginTokens tokens;
  private final EntityResolver entities;

  LoginHandler(LoginTokens tokens, EntityResolver entities) {
    this.tokens = tokens;
    this.entities = entities;
  }

  /** The answer to a successful login on {@code mount} at {@code path}. */
  Response answer(MountEntry mount, String path, Login login) {
    String entityId = entities.resolve(mount.accessor(), login.aliasName(), login.aliasMetadata());
    AuthResult auth = tokens.issue(mount, path, login, entityId == null ? "" : entityId);
    return new Response(null, java.util.List.of(), auth, null);
  }
}
