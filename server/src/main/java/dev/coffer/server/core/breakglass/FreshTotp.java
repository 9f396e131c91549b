package dev.coffer.server.core.breakglass;

import dev.coffer.server.core.stepup.MfaCheck;
import dev.coffer.server.core.stepup.PresentedCodes;
import dev.coffer.server.core.stepup.StepUpGate;
import dev.coffer.spi.ClientInfo;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;

/**
 * The fresh TOTP code every break-glass request must carry, in {@code mfa_code} or the request's
 * {@value StepUpGate#HEADER} header, checked against the requester's identity entity (and burnt). A
 * refusal says why: no entity, not enrolled, a bad or used code, or no code.
 */
final class FreshTotp {
  private final PresentedCodes codes;
  private final MfaCheck mfa;

  FreshTotp(PresentedCodes codes, MfaCheck mfa) {
    this.codes = codes;
    this.mfa = mfa;
  }

  /**
   * Passes if the request carries a valid, unused code of the requester's entity.
   *
   * @param bodyCode the request's {@code mfa_code}, or {@code null}
   * @throws CofferException 403 saying why the request has no fresh TOTP code
   */
  void require(String requestId, ClientInfo client, Object bodyCode) {
    String code = bodyCode == null ? null : bodyCode.toString();
    if (codes.verified(requestId, client.entityId(), "", code)) {
      return;
    }
    boolean sent = codes.presented(requestId) || (code != null && !code.isBlank());
    String why;
    if (client.entityId().isEmpty()) {
      why = "the token has no identity entity to check a TOTP code against";
    } else if (!mfa.enrolled(client.entityId())) {
      why = "your identity entity is not enrolled in TOTP (see docs/mfa.md)";
    } else if (sent) {
      why = "the TOTP code is invalid or already used";
    } else {
      why = "send a fresh TOTP code in mfa_code or " + StepUpGate.HEADER;
    }
    throw new CofferException(
        ErrorCode.PERMISSION_DENIED, "break-glass requests need a fresh TOTP code: " + why);
  }
}
