package dev.coffer.server.core.stepup;

import java.util.Objects;

/**
 * The core's {@link MfaCheck}: delegates to the implementation installed last ({@link
 * MfaCheck#NONE} until one is), so what holds it never needs rewiring.
 */
public final class SwitchableMfaCheck implements MfaCheck {
  private volatile MfaCheck delegate = MfaCheck.NONE;

  /** Installs the implementation to ask from now on. */
  public void set(MfaCheck check) {
    this.delegate = Objects.requireNonNull(check, "check");
  }

  @Override
  public boolean verify(String entityId, String methodId, String passcode) {
    if (entityId == null || entityId.isEmpty() || passcode == null || passcode.isBlank()) {
      return false;
    }
    return delegate.verify(entityId, methodId == null ? "" : methodId, passcode.trim());
  }

  @Override
  public boolean enrolled(String entityId) {
    return entityId != null && !entityId.isEmpty() && delegate.enrolled(entityId);
  }
}
