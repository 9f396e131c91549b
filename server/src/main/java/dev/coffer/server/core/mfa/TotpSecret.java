package dev.coffer.server.core.mfa;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entity's enrolment in one TOTP method, stored inside the barrier.
 *
 * @param key the shared secret, base32 (never logged, audited or answered after enrolment)
 * @param lastUsedStep the time step of the last accepted code; codes of that step and earlier are
 *     refused (no replay); -1 before the first
 * @param failedAttempts consecutive wrong codes
 * @param lastFailure when the last wrong code came, epoch seconds (0 for never)
 */
record TotpSecret(String key, long lastUsedStep, int failedAttempts, long lastFailure) {

  /** A fresh enrolment. */
  static TotpSecret of(String key) {
    return new TotpSecret(key, -1, 0, 0);
  }

  TotpSecret used(long step) {
    return new TotpSecret(key, step, 0, 0);
  }

  TotpSecret failed(long now) {
    return new TotpSecret(key, lastUsedStep, failedAttempts + 1, now);
  }

  TotpSecret attemptsCleared() {
    return new TotpSecret(key, lastUsedStep, 0, 0);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", key);
    m.put("last_used_step", lastUsedStep);
    m.put("failed_attempts", failedAttempts);
    m.put("last_failure", lastFailure);
    return m;
  }

  static TotpSecret fromJson(Map<String, Object> m) {
    return new TotpSecret(
        (String) m.get("key"),
        ((Number) m.get("last_used_step")).longValue(),
        ((Number) m.get("failed_attempts")).intValue(),
        ((Number) m.get("last_failure")).longValue());
  }

  @Override
  public String toString() {
    return "TotpSecret[lastUsedStep=" + lastUsedStep + ", failedAttempts=" + failedAttempts + "]";
  }
}
