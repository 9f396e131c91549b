package dev.coffer.server.core.mfa;

import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.Login;

/** Issues the token of a login (the core's {@code LoginTokens}), once MFA is satisfied. */
@FunctionalInterface
public interface LoginIssuer {
  /** Creates the token of {@code login} on {@code mount} and answers its {@code auth} block. */
  AuthResult issue(MountEntry mount, String path, Login login, String entityId);
}
