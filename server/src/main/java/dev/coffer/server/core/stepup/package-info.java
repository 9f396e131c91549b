/**
 * Step-up MFA: the {@link dev.coffer.server.core.stepup.MfaCheck} seam the core asks about TOTP
 * codes, the code a request presents in {@code X-Coffer-MFA} ({@link
 * dev.coffer.server.core.stepup.PresentedCodes}), and the enforcement of a policy rule's {@code
 * step_up} ({@link dev.coffer.server.core.stepup.StepUpGate}).
 */
package dev.coffer.server.core.stepup;
