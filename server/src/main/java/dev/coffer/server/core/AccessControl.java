package dev.coffer.server.core;

import dev.coffer.server.core.mount.Dispatch;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;

/**
 * Decides whether a caller may perform a resolved request. Runs after authentication and after the
 * operation (create or update) is known, before the handler.
 */
@FunctionalInterface
public interface AccessControl {

  /**
   * Allows the request or refuses it.
   *
   * @param token the caller's token, or {@code null} on an unauthenticated path
   * @throws CofferException {@link ErrorCode#PERMISSION_DENIED} "permission denied"
   */
  void authorize(TokenEntry token, Dispatch.Resolved request);
}
