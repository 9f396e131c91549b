package dev.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finishes a login that answered an {@code mfa_requirement}: one TOTP passcode per required method
 * (from {@code -mfa-code}/{@code passcode=}, else asked for), then {@code PUT sys/mfa/validate}.
 */
final class LoginMfa {
  private LoginMfa() {}

  /** Whether a login answer waits for MFA. */
  static boolean required(JsonNode body) {
    JsonNode req = body.path("auth").path("mfa_requirement");
    return req.isObject() && !req.path("mfa_request_id").asText("").isEmpty();
  }

  /**
   * Validates the pending login and answers the body with the token.
   *
   * @param code the passcode given on the command line, or {@code null} to ask
   */
  static JsonNode validate(CofferClient client, CliContext ctx, JsonNode body, String code) {
    JsonNode req = body.path("auth").path("mfa_requirement");
    Set<String> methods = new LinkedHashSet<>();
    req.path("mfa_constraints")
        .forEach(
            constraint -> {
              JsonNode first = constraint.path("any").path(0);
              if (!first.path("id").asText("").isEmpty()) {
                methods.add(first.path("id").asText());
              }
            });
    if (methods.isEmpty()) {
      throw new CliException("the server asked for MFA but named no method");
    }
    if (code != null && methods.size() > 1) {
      throw new CliException("this login needs one passcode for each of several MFA methods");
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    for (String method : methods) {
      String passcode =
          code != null
              ? code.trim()
              : Prompt.visible(ctx, "TOTP passcode (method " + method + "): ");
      payload.put(method, List.of(passcode));
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("mfa_request_id", req.path("mfa_request_id").asText());
    request.put("mfa_payload", payload);
    return client.put("sys/mfa/validate", request).orThrow().body();
  }
}
