package dev.coffer.server.core.wrapping;

import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;

/**
 * The {@code sys/wrapping/*} endpoints: {@code wrap} (any JSON, needs {@code X-Vault-Wrap-TTL}),
 * {@code unwrap} and {@code rewrap} (the wrapping token as client token or as {@code token}), and
 * {@code lookup} (unauthenticated, as in Vault: knowing the token is the credential).
 */
public final class WrappingPaths {
  private final ResponseWrapping wrapping;

  /** The endpoints over this service. */
  public WrappingPaths(ResponseWrapping wrapping) {
    this.wrapping = wrapping;
  }

  /** The path specs, relative to {@code sys/}. */
  public List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("wrapping/wrap")
            .on(Operation.UPDATE, r -> Response.of(r.data()))
            .description("wraps the given values in a response-wrapping token")
            .build(),
        PathSpec.builder("wrapping/unwrap")
            .field("token", FieldType.STRING, "the wrapping token, if not the client token")
            .on(Operation.UPDATE, r -> wrapping.unwrap(r.requestId(), token(r)))
            .description("answers the response inside a wrapping token, once")
            .build(),
        PathSpec.builder("wrapping/lookup")
            .unauthenticated()
            .field("token", FieldType.STRING, "the wrapping token")
            .on(Operation.UPDATE, r -> wrapping.lookup(token(r)))
            .on(Operation.READ, r -> wrapping.lookup(token(r)))
            .description("looks up the creation path, time and TTL of a wrapping token")
            .build(),
        PathSpec.builder("wrapping/rewrap")
            .field("token", FieldType.STRING, "the wrapping token, if not the client token")
            .on(Operation.UPDATE, r -> wrapping.rewrap(r.requestId(), token(r)))
            .description("moves a wrapped response to a new wrapping token")
            .build());
  }

  private static String token(Request r) {
    return r.string("token", "").trim();
  }
}
