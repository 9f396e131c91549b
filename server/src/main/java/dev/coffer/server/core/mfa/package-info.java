/**
 * Multi-factor authentication: TOTP (RFC 6238) methods, enrolment, login enforcements, login MFA
 * ({@code sys/mfa/validate}) and {@link dev.coffer.server.core.mfa.TotpVerifier}.
 */
package dev.coffer.server.core.mfa;
