package dev.coffer.server.core.mfa;

import dev.coffer.server.core.barrier.Barrier;
import dev.coffer.server.core.identity.EntityStore;
import dev.coffer.spi.PathSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-factor authentication in the core: TOTP methods and enrolments, login enforcements, login
 * MFA and the {@link TotpVerifier} other checks (step-up, break-glass) can use. Its paths live in
 * the {@code identity/} backend ({@code identity/mfa/...}) and the {@code sys/} backend ({@code
 * sys/mfa/validate}).
 */
public final class Mfa {
  private final MfaStore store;
  private final EntityStore entities;
  private final TotpVerifier verifier;
  private final LoginMfa logins;

  /**
   * MFA inside {@code barrier}, for the entities of {@code entities}, issuing with {@code issuer}.
   */
  public Mfa(Barrier barrier, EntityStore entities, Clock clock, LoginIssuer issuer) {
    this.store = new MfaStore(barrier);
    this.entities = entities;
    this.verifier = new TotpVerifier(store, clock);
    this.logins = new LoginMfa(store, verifier, new PendingLogins(clock), issuer);
  }

  /** Checks and burns TOTP codes. */
  public dev.coffer.server.core.stepup.MfaCheck check() {
    return new TotpMfaCheck(verifier, store);
  }

  /** The verifier of TOTP codes. */
  public TotpVerifier verifier() {
    return verifier;
  }

  /** Login MFA: the requirement of a login and its validation. */
  public LoginMfa logins() {
    return logins;
  }

  /** The paths under {@code identity/mfa/}, to add to the {@code identity/} backend. */
  public List<PathSpec> identityPaths() {
    TotpMethodPaths methods = new TotpMethodPaths(store);
    List<PathSpec> all = new ArrayList<>();
    all.addAll(new EnrolmentPaths(store, entities).paths());
    all.addAll(methods.paths());
    all.addAll(new EnforcementPaths(store).paths());
    all.addAll(methods.anyTypePaths());
    return all;
  }

  /** The paths under {@code sys/mfa/}, to add to the {@code sys/} backend. */
  public List<PathSpec> systemPaths() {
    return new ValidatePath(logins).paths();
  }
}
