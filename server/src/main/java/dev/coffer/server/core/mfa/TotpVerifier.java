package dev.coffer.server.core.mfa;

import dev.coffer.spi.CofferException;
import dev.coffer.spi.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Checks a TOTP code of an entity and burns it: the one service login MFA, and later step-up or
 * break-glass checks, call. A code is accepted within the method's skew (±1 step by default),
 * compared in constant time, and only if its time step is later than the last accepted one, so no
 * code (nor an older one of the window) works twice. Wrong codes count; after the method's {@code
 * max_validation_attempts} consecutive wrong codes, validation pauses for {@link #ATTEMPTS_PAUSE}.
 */
public final class TotpVerifier {
  /** How long validation pauses after too many consecutive wrong codes. */
  public static final Duration ATTEMPTS_PAUSE = Duration.ofMinutes(5);

  private enum Outcome {
    ACCEPTED,
    NOT_ENROLLED,
    PAUSED,
    WRONG,
    REPLAYED
  }

  private final MfaStore store;
  private final Clock clock;

  TotpVerifier(MfaStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Accepts {@code code} for {@code entityId} in the TOTP method {@code methodId} and burns it, or
   * refuses it.
   *
   * @param methodId the method, or {@code null}/empty for the one method the entity is enrolled in
   * @throws CofferException 403 if the code is wrong or already used, the entity is not enrolled,
   *     or validation is paused after too many wrong codes; 400 if the method does not exist or
   *     none was named for an entity enrolled in several
   */
  public void verify(String entityId, String methodId, String code) {
    if (entityId == null || entityId.isEmpty()) {
      throw new CofferException(ErrorCode.PERMISSION_DENIED, "no entity to check a TOTP code for");
    }
    String id = methodId == null || methodId.isEmpty() ? onlyEnrolment(entityId) : methodId;
    TotpMethod method =
        store
            .method(id)
            .orElseThrow(() -> CofferException.invalid("MFA method \"" + id + "\" not found"));
    Outcome outcome;
    synchronized (this) {
      outcome = store.update(id, entityId, s -> check(method, s.orElse(null), code));
    }
    switch (outcome) {
      case ACCEPTED -> {}
      case NOT_ENROLLED ->
          throw denied("entity has no TOTP secret for MFA method \"" + id + "\"; enrol first");
      case PAUSED ->
          throw denied(
              "maximum TOTP validation attempts exceeded; try again in "
                  + ATTEMPTS_PAUSE.toMinutes()
                  + " minutes");
      case REPLAYED ->
          throw denied(
              "failed to validate TOTP passcode: the code was already used; wait for the next one");
      case WRONG -> throw denied("failed to validate TOTP passcode");
    }
  }

  private MfaStore.Change<Outcome> check(TotpMethod method, TotpSecret secret, String code) {
    if (secret == null) {
      return new MfaStore.Change<>(null, Outcome.NOT_ENROLLED);
    }
    Instant now = clock.instant();
    TotpSecret s = secret;
    if (s.failedAttempts() >= method.maxValidationAttempts()) {
      if (now.isBefore(Instant.ofEpochSecond(s.lastFailure()).plus(ATTEMPTS_PAUSE))) {
        return new MfaStore.Change<>(s, Outcome.PAUSED);
      }
      s = s.attemptsCleared();
    }
    String given = code == null ? "" : code.trim();
    long step = -1;
    if (given.length() == method.digits() && given.chars().allMatch(c -> c >= '0' && c <= '9')) {
      step =
          Totp.matchingStep(
              Base32.decode(s.key()),
              Totp.step(now, method.period()),
              method.skew(),
              method.digits(),
              method.algorithm(),
              given);
    }
    if (step < 0) {
      return new MfaStore.Change<>(s.failed(now.getEpochSecond()), Outcome.WRONG);
    }
    if (step <= s.lastUsedStep()) {
      return new MfaStore.Change<>(s.failed(now.getEpochSecond()), Outcome.REPLAYED);
    }
    return new MfaStore.Change<>(s.used(step), Outcome.ACCEPTED);
  }

  private String onlyEnrolment(String entityId) {
    List<String> methods = store.enrolments(entityId);
    if (methods.isEmpty()) {
      throw denied("entity has no TOTP secret; enrol first");
    }
    if (methods.size() > 1) {
      throw CofferException.invalid(
          "entity is enrolled in more than one TOTP method: name the method id");
    }
    return methods.get(0);
  }

  private static CofferException denied(String message) {
    return new CofferException(ErrorCode.PERMISSION_DENIED, message);
  }
}
