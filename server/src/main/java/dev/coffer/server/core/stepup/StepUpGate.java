package dev.coffer.server.core.stepup;

import dev.coffer.server.core.policy.StepUp;
import dev.coffer.server.core.token.TokenEntry;
import dev.coffer.server.core.token.TokenStore;
import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Clock;
import java.time.Instant;

/**
 * Enforces a policy rule's {@code step_up}: the request passes when its token passed MFA within the
 * rule's {@code max_age}, or when it presents a valid TOTP code of the token's entity in {@code
 * X-Coffer-MFA} (then the token's {@code last_mfa_time} is set to now). Otherwise 403 with a
 * message naming the step-up. Root tokens are exempt: the caller checks them before.
 */
public final class StepUpGate {
  /** The header a client sends its TOTP code in. */
  public static final String HEADER = "X-Coffer-MFA";

  private final PresentedCodes codes;
  private final TokenStore tokens;
  private final Clock clock;

  /** A gate over these codes, recording MFA times in {@code tokens}. */
  public StepUpGate(PresentedCodes codes, TokenStore tokens, Clock clock) {
    this.codes = codes;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * Allows the request or refuses it.
   *
   * @param token the caller's token
   * @param path the request path, named in the refusal
   * @param stepUp the deciding rule's requirement
   * @param requestId the request, whose presented code is checked
   * @throws CofferException 403 naming the step-up
   */
  public void require(TokenEntry token, String path, StepUp stepUp, String requestId) {
    Instant now = clock.instant();
    if (recent(token.lastMfaTime(), stepUp, now)) {
      return;
    }
    if (!codes.presented(requestId)) {
      throw new CofferException(
          ErrorCode.PERMISSION_DENIED,
          "step-up MFA required for " + path + ": send a TOTP code in " + HEADER);
    }
    if (!codes.verified(requestId, token.entityId(), stepUp.methodId(), null)) {
      throw new CofferException(
          ErrorCode.PERMISSION_DENIED,
          "step-up MFA failed for "
              + path
              + ": the TOTP code in "
              + HEADER
              + " is invalid or already used"
              + (token.entityId().isEmpty() ? " (the token has no identity entity)" : ""));
    }
    tokens.recordMfa(token.accessor(), now);
  }

  private static boolean recent(Instant last, StepUp stepUp, Instant now) {
    if (last == null || stepUp.maxAge().isZero()) {
      return false;
    }
    return !last.plus(stepUp.maxAge()).isBefore(now) && !last.isAfter(now);
  }
}
