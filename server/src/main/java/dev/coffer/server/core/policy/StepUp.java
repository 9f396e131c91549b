package dev.coffer.server.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * A rule's {@code step_up} requirement: a request it decides succeeds only with a fresh MFA code,
 * or within {@link #maxAge} of the token's last successful MFA.
 *
 * <pre>
 * path "secret/data/prod/*" {
 *   capabilities = ["read"]
 *   step_up = { mfa = "totp", max_age = "5m" }
 * }
 * </pre>
 *
 * @param mfa the kind of MFA; only {@value #TOTP} exists
 * @param methodId the TOTP method the code must come from, or {@code ""} for any method the
 *     caller's entity is enrolled in
 * @param maxAge how long one successful MFA of a token counts; {@link Duration#ZERO} means every
 *     request needs its own code
 */
public record StepUp(String mfa, String methodId, Duration maxAge) {
  /** The only MFA kind step-up knows. */
  public static final String TOTP = "totp";

  public StepUp {
    Objects.requireNonNull(mfa, "mfa");
    methodId = methodId == null ? "" : methodId;
    maxAge = maxAge == null ? Duration.ZERO : maxAge;
  }

  /**
   * The stricter of two requirements on the same pattern (Vault-like merging: a requirement from
   * any rule applies): the shorter max age; a method id only when both name the same one.
   */
  public static StepUp stricter(StepUp a, StepUp b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    Duration age = a.maxAge.compareTo(b.maxAge) <= 0 ? a.maxAge : b.maxAge;
    String method = a.methodId.equals(b.methodId) ? a.methodId : "";
    return new StepUp(TOTP, method, age);
  }
}
