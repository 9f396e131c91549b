package dev.coffer.server.core.mfa;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.FieldType;
import dev.coffer.spi.Operation;
import dev.coffer.spi.PathSpec;
import dev.coffer.spi.Request;
import dev.coffer.spi.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sys/mfa/validate {mfa_request_id, mfa_payload: {<method id>: ["<passcode>"]}}}
 * (unauthenticated): finishes a login that waits for MFA and answers its {@code auth} block.
 */
final class ValidatePath {
  private final LoginMfa logins;

  ValidatePath(LoginMfa logins) {
    this.logins = logins;
  }

  List<PathSpec> paths() {
    return List.of(
        PathSpec.builder("mfa/validate")
            .field("mfa_request_id", FieldType.STRING)
            .field("mfa_payload", FieldType.MAP)
            .unauthenticated()
            .on(Operation.UPDATE, this::validate)
            .description("validates a login that waits for MFA and issues its token")
            .build());
  }

  private Response validate(Request r) {
    String id = r.string("mfa_request_id", "").trim();
    if (id.isEmpty()) {
      throw CofferException.invalid("missing request ID");
    }
    Object raw = r.data().get("mfa_payload");
    if (!(raw instanceof Map<?, ?> map) || map.isEmpty()) {
      throw CofferException.invalid("missing mfa payload");
    }
    Map<String, List<String>> payload = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          if (v instanceof List<?> l) {
            payload.put(String.valueOf(k), l.stream().map(String::valueOf).toList());
          } else if (v != null) {
            payload.put(String.valueOf(k), List.of(String.valueOf(v)));
          }
        });
    return Response.ofAuth(logins.validate(id, payload));
  }
}
