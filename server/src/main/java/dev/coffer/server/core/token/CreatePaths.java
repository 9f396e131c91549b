package dev.coffer.server.core.token;

import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;

/** {@code auth/token/create}, {@code create-orphan} and {@code create/:role_name}. */
final class CreatePaths {
  private final TokenCreation creation;
  private final CallerTokens callers;

  CreatePaths(TokenCreation creation, CallerTokens callers) {
    this.creation = creation;
    this.callers = callers;
  }

  List<PathSpec> paths() {
    return List.of(
        fields(PathSpec.builder("create"))
            .on(Operation.UPDATE, r -> create(r, TokenCreation.Kind.CREATE))
            .description("creates a child token of the caller")
            .build(),
        fields(PathSpec.builder("create-orphan"))
            .on(Operation.UPDATE, r -> create(r, TokenCreation.Kind.ORPHAN))
            .description("creates an orphan token")
            .build(),
        fields(PathSpec.builder("create/{role_name}"))
            .on(Operation.UPDATE, r -> create(r, TokenCreation.Kind.ROLE))
            .description("creates a token against a token role")
            .build());
  }

  private Response create(Request r, TokenCreation.Kind kind) {
    return creation.create(r, callers.require(r.requestId()), kind);
  }

  private static PathSpec.Builder fields(PathSpec.Builder b) {
    return b.field("id", FieldType.STRING)
        .field("policies", FieldType.STRING_LIST)
        .field("meta", FieldType.STRING_MAP)
        .field("no_parent", FieldType.BOOL)
        .field("no_default_policy", FieldType.BOOL)
        .field("renewable", FieldType.BOOL)
        .field("ttl", FieldType.DURATION)
        .field("lease", FieldType.DURATION)
        .field("type", FieldType.STRING)
        .field("explicit_max_ttl", FieldType.DURATION)
        .field("display_name", FieldType.STRING)
        .field("num_uses", FieldType.INT)
        .field("period", FieldType.DURATION)
        .field("entity_alias", FieldType.STRING);
  }
}
