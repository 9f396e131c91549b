package dev.coffer.server.core.token;

import java.time.Instant;

/**
 * Stamps a stored token with the time its holder last passed an MFA check (step-up, MFA login),
 * which step-up rules measure their maximum age against. One storage transaction per stamp.
 */
final class MfaStamps {
  private final TokenRows rows;

  MfaStamps(TokenRows rows) {
    this.rows = rows;
  }

  /** Stamps the token with this accessor with {@code when}; nothing happens if there is none. */
  void record(String accessor, Instant when) {
    rows.byAccessor(accessor)
        .ifPresent(
            s ->
                rows.storage()
                    .transaction(
                        tx -> {
                          rows.read(tx, s.idHash())
                              .ifPresent(
                                  e -> TokenRows.write(tx, s.idHash(), e.withLastMfaTime(when)));
                          return null;
                        }));
  }
}
