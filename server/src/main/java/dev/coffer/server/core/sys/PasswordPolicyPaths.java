package dev.coffer.server.core.sys;

import dev.coffer.server.core.policy.PasswordPolicy;
import dev.coffer.server.core.policy.store.PasswordPolicyStore;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.List;
import java.util.Map;

/**
 * Password policy endpoints, as Vault's: {@code sys/policies/password} (list), {@code
 * sys/policies/password/:name} (write {@code {"policy"}}, read {@code {policy}}, delete) and {@code
 * sys/policies/password/:name/generate} (read {@code {password}}). Policy text may be sent
 * base64-encoded.
 */
final class PasswordPolicyPaths {
  private final PasswordPolicyStore store;

  PasswordPolicyPaths(PasswordPolicyStore store) {
    this.store = store;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("policies/password")
            .on(Operation.LIST, r -> Response.keys(store.names()))
            .description("lists the password policies")
            .build(),
        PathSpec.builder("policies/password/{name}")
            .field("policy", FieldType.STRING)
            .on(Operation.READ, this::read)
            .on(Operation.UPDATE, this::write)
            .on(Operation.DELETE, this::delete)
            .description("reads, writes or deletes a password policy")
            .build(),
        PathSpec.builder("policies/password/{name}/generate")
            .on(Operation.READ, this::generate)
            .description("generates a password by a password policy")
            .build());
  }

  private Response read(Request r) {
    PasswordPolicy p = store.get(r.param("name")).orElseThrow(CofferException::notFound);
    return Response.of(Map.of("policy", p.raw()));
  }

  private Response write(Request r) {
    String text = r.string("policy", "");
    if (text.isBlank()) {
      throw CofferException.invalid("'policy' parameter not supplied or empty");
    }
    store.put(r.param("name"), PolicyPaths.decoded(text));
    return Response.empty();
  }

  private Response delete(Request r) {
    store.delete(r.param("name"));
    return Response.empty();
  }

  private Response generate(Request r) {
    PasswordPolicy p =
        store
            .get(r.param("name"))
            .orElseThrow(() -> new CofferException(ErrorCode.NOT_FOUND, "policy does not exist"));
    return Response.of(Map.of("password", p.generate()));
  }
}
