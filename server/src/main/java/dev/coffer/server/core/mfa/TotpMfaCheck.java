package dev.coffer.server.core.mfa;

import dev.coffer.server.core.stepup.MfaCheck;
import dev.coffer.spi.CofferException;
import java.util.List;

/**
 * The TOTP MFA behind step-up paths and break-glass requests: a code is checked and burned by the
 * {@link TotpVerifier} (so it counts towards the method's attempt limit and cannot be replayed).
 */
final class TotpMfaCheck implements MfaCheck {
  private final TotpVerifier verifier;
  private final MfaStore store;

  TotpMfaCheck(TotpVerifier verifier, MfaStore store) {
    this.verifier = verifier;
    this.store = store;
  }

  @Override
  public boolean verify(String entityId, String methodId, String passcode) {
    if (entityId == null || entityId.isEmpty()) {
      return false;
    }
    List<String> methods =
        methodId == null || methodId.isEmpty() ? store.enrolments(entityId) : List.of(methodId);
    for (String method : methods) {
      try {
        verifier.verify(entityId, method, passcode);
        return true;
      } catch (CofferException refused) {
        // wrong, replayed, paused or not enrolled in this method: try the next one
      }
    }
    return false;
  }

  @Override
  public boolean enrolled(String entityId) {
    return entityId != null && !entityId.isEmpty() && !store.enrolments(entityId).isEmpty();
  }
}
