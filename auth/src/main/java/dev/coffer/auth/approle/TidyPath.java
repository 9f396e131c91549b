package dev.coffer.auth.approle;

import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Response;
import java.time.Clock;
import java.util.List;

/** {@code tidy/secret-id}: deletes expired secret ids (and their accessor entries) now. */
final class TidyPath {
  private final RoleStore roles;
  private final SecretIdStore secretIds;
  private final Clock clock;

  TidyPath(RoleStore roles, SecretIdStore secretIds, Clock clock) {
    this.roles = roles;
    this.secretIds = secretIds;
    this.clock = clock;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("tidy/secret-id")
            .on(
                Operation.UPDATE,
                r -> {
                  int removed = secretIds.tidy(roles.names(), clock.instant());
                  return Response.empty()
                      .withWarning(
                          "Tidy operation successfully started. Any information from the operation"
                              + " will be printed to Coffer's server logs.")
                      .withWarning("removed " + removed + " expired secret ids");
                })
            .description("removes expired secret ids")
            .build());
  }
}
