package dev.coffer.server.core.stepup;

/**
 * What the core asks about an identity entity's TOTP codes (step-up paths, break-glass requests).
 * The TOTP MFA implementation ({@code core.mfa}) provides it; {@link #NONE} answers that nobody is
 * enrolled.
 */
public interface MfaCheck {
  /** No entity is enrolled in anything; no code is ever valid. */
  MfaCheck NONE =
      new MfaCheck() {
        @Override
        public boolean verify(String entityId, String methodId, String passcode) {
          return false;
        }

        @Override
        public boolean enrolled(String entityId) {
          return false;
        }

        @Override
        public String toString() {
          return "MfaCheck.NONE";
        }
      };

  /**
   * Whether passcode is a valid, unused TOTP code of the entity (methodId "" = any TOTP method it
   * is enrolled in); a valid code is burned.
   */
  boolean verify(String entityId, String methodId, String passcode);

  /** Whether the entity is enrolled in any TOTP method. */
  boolean enrolled(String entityId);
}
