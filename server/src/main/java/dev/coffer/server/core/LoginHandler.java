package dev.coffer.server.core;

import dev.coffer.server.core.identity.EntityResolver;
import dev.coffer.server.core.mfa.LoginMfa;
import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.server.core.token.LoginTokens;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.Login;
import dev.coffer.spi.Response;

/**
 * Turns an auth method's {@link Login} into Vault's answer: resolves (or creates) the identity
 * entity of the login's alias on the mount's accessor, issues the token and answers its {@code
 * auth} block with {@code data: null}; a login that a login enforcement matches gets Vault's {@code
 * mfa_requirement} instead, and its token once {@code sys/mfa/validate} passes.
 */
final class LoginHandler {
  private final LoginTokens tokens;
  private final EntityResolver entities;
  private final LoginMfa mfa;

  LoginHandler(LoginTokens tokens, EntityResolver entities, LoginMfa mfa) {
    this.tokens = tokens;
    this.entities = entities;
    this.mfa = mfa;
  }

  /** The answer to a successful login on {@code mount} at {@code path}. */
  Response answer(MountEntry mount, String path, Login login) {
    String entityId = entities.resolve(mount.accessor(), login.aliasName(), login.aliasMetadata());
    java.util.Optional<Response> mfaRequired = mfa.require(mount, path, login, entityId);
    if (mfaRequired.isPresent()) {
      return mfaRequired.get();
    }
    AuthResult auth = tokens.issue(mount, path, login, entityId == null ? "" : entityId);
    return new Response(null, java.util.List.of(), auth, null);
  }
}
