package dev.coffer.auth.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OIDC logins in progress, kept in memory between {@code oidc/auth_url} and {@code
 * oidc/callback}: each is found by its random {@code state}, expires after {@link #TTL} (Vault's
 * ten minutes) and is consumed by the first callback that names it, so a state works once. Memory,
 * not storage: the PKCE verifier and nonce never reach disk, single use is an atomic removal, and a
 * restart simply cancels the logins in progress. At most {@link #MAX_PENDING} are kept, so the
 * unauthenticated {@code auth_url} cannot exhaust memory.
 */
final class OidcStates {
  /** How long a login may take between {@code auth_url} and {@code callback}. */
  static final Duration TTL = Duration.ofMinutes(10);

  /** The most logins in progress per mount. */
  static final int MAX_PENDING = 10_000;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /**
   * One login in progress.
   *
   * @param role the role it logs in to
   * @param redirectUri the redirect URI the browser was sent to the provider with
   * @param nonce the nonce the ID token must carry
   * @param codeVerifier the PKCE verifier (its S256 challenge went to the provider)
   * @param clientNonce the nonce the client gave to {@code auth_url} ({@code ""} if none)
   * @param expires when the login is abandoned
   */
  record Pending(
      String role,
      String redirectUri,
      String nonce,
      String codeVerifier,
      String clientNonce,
      Instant expires) {

    @Override
    public String toString() {
      return "Pending[role=" + role + "]"; // never the verifier or nonces
    }
  }

  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  OidcStates(Clock clock) {
    this.clock = clock;
  }

  /**
   * Starts a login; answers the new state and what it remembers.
   *
   * @return {@code null} when {@link #MAX_PENDING} logins are already in progress
   */
  Map.Entry<String, Pending> start(String role, String redirectUri, String clientNonce) {
    Instant now = clock.instant();
    if (pending.size() >= MAX_PENDING) {
      pending.values().removeIf(p -> !now.isBefore(p.expires()));
      if (pending.size() >= MAX_PENDING) {
        return null;
      }
    }
    String state = random();
    Pending p = new Pending(role, redirectUri, random(), random(), clientNonce, now.plus(TTL));
    pending.put(state, p);
    return Map.entry(state, p);
  }

  /** Removes and answers the login of {@code state}, unless it is unknown, used or expired. */
  Optional<Pending> consume(String state) {
    if (state == null || state.isEmpty()) {
      return Optional.empty();
    }
    Pending p = pending.remove(state);
    if (p == null || !clock.instant().isBefore(p.expires())) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  /** How many logins are in progress (expired ones included until they are swept). */
  int size() {
    return pending.size();
  }

  /** The S256 PKCE challenge of {@code verifier}: base64url(SHA-256(verifier)). */
  static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return B64URL.encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Whether two secrets are equal, compared in constant time. */
  static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** 256 random bits, base64url without padding (43 characters, valid as a PKCE verifier). */
  private static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return B64URL.encodeToString(b);
  }
}
