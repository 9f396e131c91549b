package dev.coffer.server.core.token;

import dev.coffer.spi.CofferException;

/**
 * Checks every token before {@link TokenStore} stores it, whatever created it ({@code
 * auth/token/create}, token roles, auth method logins, response wrapping). The core installs one
 * that refuses break-glass-only policies and the reserved {@code break_glass_*} metadata keys;
 * break-glass grant tokens are the only ones issued past it ({@link TokenStore#issueUnguarded}).
 */
@FunctionalInterface
public interface IssuanceGuard {
  /** A guard that allows every token. */
  IssuanceGuard NONE = entry -> {};

  /**
   * Allows the token or refuses it.
   *
   * @throws CofferException 400 naming what the token may not carry
   */
  void check(TokenEntry entry);
}
