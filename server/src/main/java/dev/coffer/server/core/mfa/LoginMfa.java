package dev.coffer.server.core.mfa;

import dev.coffer.server.core.mount.MountEntry;
import dev.coffer.spi.AuthResult;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import dev.coffer.spi.Login;
import dev.coffer.spi.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Login MFA as Vault does it: a login that a {@link LoginEnforcement} matches gets no token but an
 * {@code mfa_requirement}; {@code sys/mfa/validate} with a passing code for every enforcement then
 * issues the token. Each pending login expires and is used once.
 */
public final class LoginMfa {
  /** Vault's warning on a login that waits for MFA. */
  static final String WARNING =
      "A login request was issued that is subject to MFA validation. Please make sure to validate"
          + " the login by sending another request to mfa/validate endpoint.";

  private final MfaStore store;
  private final TotpVerifier verifier;
  private final PendingLogins pending;
  private final LoginIssuer issuer;

  LoginMfa(MfaStore store, TotpVerifier verifier, PendingLogins pending, LoginIssuer issuer) {
    this.store = store;
    this.verifier = verifier;
    this.pending = pending;
    this.issuer = issuer;
  }

  /**
   * The answer to a login that must pass MFA first (no token, an {@code mfa_requirement}), or empty
   * when no enforcement matches it and the token may be issued now.
   */
  public Optional<Response> require(MountEntry mount, String path, Login login, String entityId) {
    Map<String, List<String>> constraints = new LinkedHashMap<>();
    String id = entityId == null ? "" : entityId;
    for (LoginEnforcement e : store.enforcements()) {
      if (e.matches(mount.accessor(), mount.type(), id)) {
        constraints.put(e.name(), e.mfaMethodIds());
      }
    }
    if (constraints.isEmpty()) {
      return Optional.empty();
    }
    String requestId = UUID.randomUUID().toString();
    pending.add(
        new PendingLogin(requestId, mount, path, login, id, constraints, pending.expiryFromNow()));
    Map<String, Object> requirement = new LinkedHashMap<>();
    requirement.put("mfa_request_id", requestId);
    requirement.put("mfa_constraints", view(constraints));
    return Optional.of(Response.ofAuth(AuthResult.mfaRequired(requirement)).withWarning(WARNING));
  }

  /**
   * Validates a pending login with {@code payload} (method id to passcodes) and issues its token.
   *
   * @throws CofferException 403 if the request is unknown, expired or used, or a code fails; 400 if
   *     an enforcement gets no passcode
   */
  public AuthResult validate(String requestId, Map<String, List<String>> payload) {
    PendingLogin login =
        pending
            .find(requestId)
            .orElseThrow(
                () ->
                    new CofferException(
                        ErrorCode.PERMISSION_DENIED,
                        "the MFA request ID is unknown, expired or already used"));
    for (Map.Entry<String, List<String>> c : login.constraints().entrySet()) {
      String method =
          c.getValue().stream()
              .filter(payload::containsKey)
              .findFirst()
              .orElseThrow(
                  () ->
                      CofferException.invalid(
                          "no passcode for login enforcement \"" + c.getKey() + "\""));
      List<String> codes = payload.get(method);
      if (codes.size() != 1) {
        throw CofferException.invalid("give exactly one passcode for MFA method " + method);
      }
      verifier.verify(login.entityId(), method, codes.get(0));
    }
    if (!pending.take(login)) {
      throw new CofferException(
          ErrorCode.PERMISSION_DENIED, "the MFA request ID is unknown, expired or already used");
    }
    return issuer.issue(login.mount(), login.path(), login.login(), login.entityId());
  }

  /** Drops every pending login (on seal). */
  public void clear() {
    pending.clear();
  }

  private static Map<String, Object> view(Map<String, List<String>> constraints) {
    Map<String, Object> out = new LinkedHashMap<>();
    constraints.forEach(
        (name, methods) -> {
          List<Map<String, Object>> any = new ArrayList<>();
          for (String m : methods) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("type", "totp");
            one.put("id", m);
            one.put("uses_passcode", true);
            one.put("name", "");
            any.add(one);
          }
          out.put(name, Map.of("any", any));
        });
    return out;
  }
}
